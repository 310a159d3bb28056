import { describe, expect, it } from "vitest";
import { idNumberCheckChar, idNumberGender, idNumberProblem } from "./id-number.ts";

describe("ID numbers", () => {
  it("computes the GB 11643 check character", () => {
    // The standard's own worked example.
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
    expect(idNumberProblem("11010519491231002X")).toBeNull();
  });
  it("names what is wrong", () => {
    expect(idNumberProblem("110105194912310021")).toBe("checkDigit");
    expect(idNumberProblem("11010519491331002X")).toBe("birthDate");
    expect(idNumberProblem("1101051949123100")).toBe("format");
  });
  it("reads gender from the sequence digit", () => {
    expect(idNumberGender("11010519491231002X")).toBe("female");
    expect(idNumberGender("110105194912310010")).toBe("male");
  });
});
