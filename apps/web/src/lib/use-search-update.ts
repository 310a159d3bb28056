import { useCallback } from "react";
import { useSearchParams } from "react-router";

export type SearchPatch = Record<string, string | number | null | undefined>;

/**
 * Updates some query-string parameters and keeps the others. It starts from the browser's URL, not
 * from the last rendered params: the router renders a navigation later (in a transition), so two
 * quick changes (pick an action, then press Enter in the actor box) would otherwise lose the first.
 * Changing anything but `page` goes back to page 1.
 */
export function useSearchUpdate(): (patch: SearchPatch) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (patch: SearchPatch) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === null || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      if (!("page" in patch) && Object.keys(patch).some((k) => k !== "member")) next.delete("page");
      if (next.toString() === new URLSearchParams(window.location.search).toString()) return;
      setParams(next);
    },
    [setParams],
  );
}
