import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initI18n } from "../../../lib/i18n/index.ts";
import { PairList } from "./PairList.tsx";
import { org, pair } from "./test-data.ts";

beforeAll(async () => {
  await initI18n();
});
afterEach(cleanup);

const helper = org(210, "中共尧山村支部委员会");
const village = org(214, "中共湘洋村支部委员会", ["poor"]);
const other = org(215, "中共湘湖村支部委员会", ["weak"]);

describe("PairList", { timeout: 20_000 }, () => {
  it("shows each pair as helper → recipient with its form, score and explanation in words", () => {
    render(<PairList pairs={[pair(helper, village)]} editable={false} onAction={vi.fn()} />);
    const item = screen.getByTestId("round-pair");
    expect(within(item).getByTestId("pair-helper").textContent).toBe("中共尧山村支部委员会");
    expect(within(item).getByTestId("pair-recipient").textContent).toBe("中共湘洋村支部委员会");
    expect(item.textContent).toContain("乡联乡");
    expect(item.textContent).toContain("得分 4156");
    expect(within(item).getByTestId("pair-explanation").textContent).toBe(
      "组织树上相距 2 级；经济薄弱村；在 5 个备选中得分最高",
    );
    // Not the coordinator's to change: no buttons.
    expect(screen.queryByTestId("pair-lock")).toBeNull();
  });

  it("locks, unlocks and forbids a pair through onAction", () => {
    const onAction = vi.fn();
    const locked = pair(helper, other, { locked: true });
    render(<PairList pairs={[pair(helper, village), locked]} editable onAction={onAction} />);
    const [first, second] = screen.getAllByTestId("round-pair");
    fireEvent.click(within(first as HTMLElement).getByTestId("pair-lock"));
    expect(onAction).toHaveBeenLastCalledWith("lock", expect.objectContaining({ recipient: "o214" }));
    // A locked pair says so and offers to lift the lock instead.
    expect(within(second as HTMLElement).getByTestId("pair-locked").textContent).toBe("已锁定");
    fireEvent.click(within(second as HTMLElement).getByTestId("pair-unlock"));
    expect(onAction).toHaveBeenLastCalledWith("unlock", locked);
    fireEvent.click(within(second as HTMLElement).getByTestId("pair-forbid"));
    expect(onAction).toHaveBeenLastCalledWith("forbid", locked);
  });

  it("pages a long list ten at a time and filters it by name", () => {
    const pairs = Array.from({ length: 23 }, (_, i) => pair(helper, org(300 + i, `中共第${i + 1}村支部委员会`)));
    render(<PairList pairs={pairs} editable={false} onAction={vi.fn()} />);
    expect(screen.getAllByTestId("round-pair")).toHaveLength(10);
    fireEvent.click(screen.getByTitle("3"));
    expect(screen.getAllByTestId("round-pair")).toHaveLength(3);
    fireEvent.change(screen.getByLabelText("按组织或乡镇名称筛选"), { target: { value: "第12村" } });
    const shown = screen.getAllByTestId("round-pair");
    expect(shown).toHaveLength(1);
    expect(shown[0]?.textContent).toContain("中共第12村支部委员会");
  });
});
