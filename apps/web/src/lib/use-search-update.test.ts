import { act, renderHook } from "@testing-library/react";
import { createElement, type ReactNode } from "react";
import { BrowserRouter } from "react-router";
import { beforeEach, describe, expect, it } from "vitest";
import { useSearchUpdate } from "./use-search-update.ts";

const wrapper = ({ children }: { children: ReactNode }) => createElement(BrowserRouter, null, children);

const search = () => Object.fromEntries(new URLSearchParams(window.location.search));

beforeEach(() => {
  window.history.replaceState(null, "", "/members?q=li&status=active&page=3");
});

describe("useSearchUpdate", () => {
  it("changes the given parameters, keeps the others and goes back to page 1", () => {
    const { result } = renderHook(() => useSearchUpdate(), { wrapper });
    act(() => result.current({ status: "transferred", gender: "female" }));
    expect(search()).toEqual({ q: "li", status: "transferred", gender: "female" });
  });

  it("removes parameters set to empty, null or undefined", () => {
    const { result } = renderHook(() => useSearchUpdate(), { wrapper });
    act(() => result.current({ q: "", status: null, gender: undefined }));
    expect(search()).toEqual({});
  });

  it("keeps the page when only the page or the open member changes", () => {
    const { result } = renderHook(() => useSearchUpdate(), { wrapper });
    act(() => result.current({ member: 42 }));
    expect(search()).toEqual({ q: "li", status: "active", page: "3", member: "42" });
    act(() => result.current({ page: 4 }));
    expect(search().page).toBe("4");
  });

  it("keeps both of two changes made before the router renders", () => {
    const { result } = renderHook(() => useSearchUpdate(), { wrapper });
    act(() => {
      result.current({ action: "member.reveal" });
      result.current({ actor: "admin" });
    });
    expect(search()).toEqual({ q: "li", status: "active", action: "member.reveal", actor: "admin" });
  });

  it("does not navigate when nothing changes", () => {
    const { result } = renderHook(() => useSearchUpdate(), { wrapper });
    const before = window.history.length;
    act(() => result.current({ q: "li", page: 3 }));
    expect(window.history.length).toBe(before);
  });
});
