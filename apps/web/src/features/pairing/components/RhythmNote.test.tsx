import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { initI18n } from "../../../lib/i18n/index.ts";
import { RhythmNote } from "./RhythmNote.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(cleanup);

const base = {
  lapseAfterDays: 90,
  lapsed: false,
  lastActivityOn: null,
  daysSinceLastActivity: null,
  daysSinceStart: null,
};

describe("RhythmNote", { timeout: 20_000 }, () => {
  it("counts the days since the last joint activity", () => {
    render(
      <RhythmNote rhythm={{ ...base, lastActivityOn: "2026-11-20", daysSinceLastActivity: 10, daysSinceStart: 200 }} />,
    );
    const note = screen.getByTestId("pairing-rhythm");
    expect(note.getAttribute("data-lapsed")).toBe("false");
    expect(note.textContent).toBe("距上次联合活动（2026-11-20）已 10 天");
  });

  it("counts from the start while there has been no activity, and says when it has not started", () => {
    const { rerender } = render(<RhythmNote rhythm={{ ...base, daysSinceStart: 30 }} />);
    expect(screen.getByTestId("pairing-rhythm").textContent).toBe("结对已 30 天，尚无联合活动");
    rerender(<RhythmNote rhythm={base} />);
    expect(screen.getByTestId("pairing-rhythm").textContent).toBe("结对尚未开始");
  });

  it("warns when the rhythm lapsed", () => {
    render(<RhythmNote rhythm={{ ...base, daysSinceStart: 120, lapsed: true }} />);
    const note = screen.getByTestId("pairing-rhythm");
    expect(note.getAttribute("data-lapsed")).toBe("true");
    expect(note.getAttribute("role")).toBe("alert");
    expect(note.textContent).toContain("已超过 90 天没有联合活动，请尽快开展");
    expect(note.textContent).toContain("结对已 120 天，尚无联合活动");
  });
});
