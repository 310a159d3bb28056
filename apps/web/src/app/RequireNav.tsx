import type { ReactNode } from "react";
import { Forbidden } from "../components/PageStates.tsx";
import { type NavKey, navKeys } from "../features/auth/abilities.ts";
import { useMe } from "../features/auth/api/get-me.ts";

/** Shows a page only to users whose menu has it; the API enforces the same rule on every request. */
export function RequireNav(props: { nav: NavKey; children: ReactNode }) {
  const { data: me } = useMe();
  if (!navKeys(me).includes(props.nav)) return <Forbidden />;
  return <>{props.children}</>;
}
