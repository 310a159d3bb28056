import { Grid } from "antd";

/** Phone-sized screen (below antd's md breakpoint, 768 px): tables become card lists. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** Below lg (992 px) the side menu moves into a drawer. */
export function useIsNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.lg === false;
}
