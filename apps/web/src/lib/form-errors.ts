import type { FormInstance } from "antd";
import type { MessageInstance } from "antd/es/message/interface";
import { isApiError } from "./api/client.ts";

/**
 * Shows an API error where the user will look: on the form field it names (`error.field`) when
 * that field is one of `fields` (the form's own), otherwise as a message.
 */
export function showApiError(
  error: unknown,
  message: MessageInstance,
  form?: { instance: FormInstance; fields: readonly string[] },
): void {
  const text = error instanceof Error ? error.message : String(error);
  const field = isApiError(error) ? error.field : undefined;
  if (form && field && form.fields.includes(field)) {
    form.instance.setFields([{ name: field, errors: [text] }]);
    form.instance.scrollToField(field);
    return;
  }
  void message.error(text);
}
