import type { ProjectDetail } from "@huzhu/contracts";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initI18n } from "../../../lib/i18n/index.ts";
import { ProjectEditModal } from "./ProjectEditModal.tsx";

const mutate = vi.fn();
vi.mock("../api/update-project.ts", () => ({ useUpdateProject: () => ({ mutate, isPending: false }) }));

beforeAll(async () => {
  await initI18n();
});
afterEach(() => {
  cleanup();
  mutate.mockReset();
});

const project: ProjectDetail = {
  id: 5,
  title: "城乡联建",
  needId: 9,
  status: "active",
  goals: null,
  planRule: null,
  startedOn: "2026-01-01",
  helpers: [{ id: 1, name: "中共城关社区委员会" }],
  recipients: [{ id: 2, name: "中共三联村支部委员会" }],
  lastActivityOn: null,
  daysSinceLastActivity: null,
  planLapsed: false,
  endedAt: null,
  endReason: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  abilities: { update: true, recordActivity: true, recordContribution: true, cancel: true },
  activities: [],
  contributions: [],
};

const renderModal = () =>
  render(
    <App>
      <ProjectEditModal project={project} onClose={() => {}} />
    </App>,
  );
const save = () => act(async () => fireEvent.click(screen.getByRole("button", { name: /保\s*存/ })));

// Rendering antd in happy-dom takes seconds on a busy 2-core machine: more than the 5 s default.
describe("ProjectEditModal (a project's goals and RRULE plan)", { timeout: 20_000 }, () => {
  it("says a plan in words as it is typed, and a preset fills the rule", async () => {
    renderModal();
    const plan = screen.getByLabelText("活动计划（RRULE）");
    fireEvent.change(plan, { target: { value: "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA" } });
    expect((await screen.findByTestId("plan-meaning")).textContent).toBe("即：每 2 周一次");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "每季度" })));
    expect((plan as HTMLInputElement).value).toBe("FREQ=MONTHLY;INTERVAL=3");
    expect(screen.getByRole("button", { name: "每季度" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("refuses a rule parsePlanRule does not accept, on the plan's field, and sends nothing", async () => {
    renderModal();
    fireEvent.change(screen.getByLabelText("活动计划（RRULE）"), { target: { value: "FREQ=FORTNIGHTLY" } });
    await save();
    await screen.findByText(/活动计划应为日历重复规则/);
    expect(mutate).not.toHaveBeenCalled();
  });

  it("sends the goals and the plan, an empty plan as none", async () => {
    renderModal();
    fireEvent.change(screen.getByLabelText("目标"), { target: { value: "每季度一次主题党日" } });
    fireEvent.change(screen.getByLabelText("活动计划（RRULE）"), { target: { value: "FREQ=MONTHLY" } });
    await save();
    await waitFor(() => expect(mutate).toHaveBeenCalledOnce());
    expect(mutate.mock.calls[0]?.[0]).toEqual({
      id: 5,
      body: { title: "城乡联建", goals: "每季度一次主题党日", planRule: "FREQ=MONTHLY" },
    });
    mutate.mockReset();
    fireEvent.change(screen.getByLabelText("活动计划（RRULE）"), { target: { value: "" } });
    await save();
    await waitFor(() => expect(mutate).toHaveBeenCalledOnce());
    expect(mutate.mock.calls[0]?.[0].body.planRule).toBeNull();
  });
});
