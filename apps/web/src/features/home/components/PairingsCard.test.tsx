import type { PairingsCard as Pairings } from "@huzhu/contracts";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { initI18n } from "../../../lib/i18n/index.ts";
import { PairingsCard } from "./PairingsCard.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(cleanup);

const helper = { type: "org" as const, id: 210, name: "中共尧山村支部委员会" };
const village = { type: "org" as const, id: 214, name: "中共湘洋村支部委员会" };
const item = (id: number, rhythm: Pairings["items"][number]["rhythm"]): Pairings["items"][number] => ({
  id,
  kind: "pairing",
  demonstration: false,
  helper,
  recipient: village,
  form: "rural_rural",
  status: "active",
  startsOn: "2026-01-01",
  endsOn: "2028-12-31",
  goals: null,
  endReason: null,
  origin: "round",
  roundId: 1,
  hasAgreement: true,
  createdAt: "2026-01-01T00:00:00.000Z",
  abilities: { conclude: false, dissolve: false, recordVisit: true, demonstrate: false },
  side: "recipient",
  partner: helper,
  rhythm,
});

describe("PairingsCard", { timeout: 20_000 }, () => {
  it("lists the partners with the side, form and rhythm, links to each pairing, and flags a lapsed one", () => {
    const card: Pairings = {
      id: "pairings",
      total: 2,
      items: [
        item(5, {
          lastActivityOn: "2026-11-20",
          daysSinceLastActivity: 10,
          daysSinceStart: 300,
          lapsed: false,
          lapseAfterDays: 90,
        }),
        item(6, {
          lastActivityOn: null,
          daysSinceLastActivity: null,
          daysSinceStart: 120,
          lapsed: true,
          lapseAfterDays: 90,
        }),
      ],
    };
    render(
      <MemoryRouter>
        <PairingsCard card={card} />
      </MemoryRouter>,
    );
    expect(screen.getByText("进行中的结对 2 对")).toBeTruthy();
    const [recent, silent] = screen.getAllByTestId("home-pairing") as HTMLElement[];
    expect(
      within(recent as HTMLElement)
        .getByRole("link", { name: helper.name })
        .getAttribute("href"),
    ).toBe("/pairings/5");
    expect(recent?.textContent).toContain("对方帮扶我方 · 乡联乡 · 10 天前有联合活动");
    expect(within(recent as HTMLElement).queryByTestId("home-pairing-lapsed")).toBeNull();
    expect(silent?.textContent).toContain("结对 120 天尚无活动");
    expect(within(silent as HTMLElement).getByTestId("home-pairing-lapsed").textContent).toBe("活动节奏已中断");
    expect(screen.getByRole("link", { name: "全部结对" }).getAttribute("href")).toBe("/pairings");
  });
});
