import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useIsNarrow, useIsPhone } from "./use-screen.ts";

/** Sets happy-dom's viewport, which its matchMedia (and so antd's breakpoints) follows. */
function viewport(width: number) {
  const happy = (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } })
    .happyDOM;
  happy.setViewport({ width, height: 800 });
}

const screen = () => renderHook(() => ({ phone: useIsPhone(), narrow: useIsNarrow() })).result.current;

describe("useIsPhone and useIsNarrow", () => {
  it("see a phone below 768 px: card lists and the menu in a drawer", () => {
    viewport(375);
    expect(screen()).toEqual({ phone: true, narrow: true });
  });

  it("see a large phone held sideways (600 px, above antd's sm) as a phone too", () => {
    viewport(600);
    expect(screen()).toEqual({ phone: true, narrow: true });
  });

  it("see a tablet between 768 and 992 px: tables, but the menu in a drawer", () => {
    viewport(800);
    expect(screen()).toEqual({ phone: false, narrow: true });
  });

  it("see a desktop from 992 px: tables and the side menu", () => {
    viewport(1280);
    expect(screen()).toEqual({ phone: false, narrow: false });
  });
});
