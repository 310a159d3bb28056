import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { initI18n } from "../../../lib/i18n/index.ts";
import { CoverageFigures, type RunFigures } from "./CoverageFigures.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(cleanup);

const before: RunFigures = {
  covered: 2,
  recipients: 2,
  assigned: 2,
  score: 8312,
  helpersUsed: 1,
  helpers: 5,
  candidates: 10,
  rate: 1,
};

describe("CoverageFigures", { timeout: 20_000 }, () => {
  it("says the coverage in words and in figures", () => {
    render(<CoverageFigures current={before} solveMs={2.4} />);
    expect(screen.getByTestId("coverage-words").textContent).toBe(
      "覆盖 2 / 2 个受援组织（100%），1 个帮扶组织参与，候选 10 个。 求解用时 2 毫秒。",
    );
    expect(screen.getByTestId("coverage-covered").getAttribute("data-value")).toBe("2");
    expect(screen.queryByTestId("coverage-score-previous")).toBeNull();
  });

  it("puts the previous solve's figures beside the current ones, with the change", () => {
    const after = { ...before, score: 8100, helpersUsed: 2 };
    render(<CoverageFigures current={after} previous={before} />);
    expect(screen.getByTestId("coverage-score-previous").textContent).toBe("上次 8312 (-212)");
    expect(screen.getByTestId("coverage-helpersUsed-previous").textContent).toBe("上次 1 (+1)");
    expect(screen.getByTestId("coverage-covered-previous").textContent).toBe("上次 2 (不变)");
  });
});
