import type { ReactNode } from "react";
import { Forbidden } from "../components/PageStates.tsx";
import { type NavKey, navKeys } from "../lib/auth/abilities.ts";
import { useMe } from "../lib/auth/me.ts";

/** Shows a page only to users whose menu has it; the API enforces the same rule on every request. */
export function RequireNav(props: { nav: NavKey; children: ReactNode }) {
  const { data: me } = useMe();
  if (!navKeys(me).includes(props.nav)) return <Forbidden />;
  return <>{props.children}</>;
}
