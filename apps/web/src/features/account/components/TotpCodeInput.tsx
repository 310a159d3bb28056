import { totpCodeBody } from "@huzhu/contracts";
import { Input, type InputProps } from "antd";
import type { TFunction } from "i18next";
import { zodRule } from "../../../lib/zod-rules.ts";

/** The contract's 6-digit check, for instant feedback in every form that takes an authenticator code. */
export const totpCodeRule = (t: TFunction) => zodRule(totpCodeBody.shape.code, t);

/**
 * A 6-digit authenticator code: the phone's number pad, and the one-time-code autofill that
 * phones offer from a message or an authenticator.
 */
export function TotpCodeInput(props: InputProps) {
  return (
    <Input
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      style={{ maxWidth: 200, fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 18 }}
      {...props}
    />
  );
}
