import type { FormInstance } from "antd";
import type { MessageInstance } from "antd/es/message/interface";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "./api/client.ts";
import { showApiError } from "./form-errors.ts";

function fakes() {
  const message = { error: vi.fn() };
  const instance = { setFields: vi.fn(), scrollToField: vi.fn() };
  return {
    message,
    instance,
    messageApi: message as unknown as MessageInstance,
    form: { instance: instance as unknown as FormInstance, fields: ["username", "displayName"] },
  };
}

describe("showApiError", () => {
  it("puts an error that names one of the form's fields on that field", () => {
    const f = fakes();
    showApiError(new ApiError(409, "user.exists", "用户名已被使用", "username"), f.messageApi, f.form);
    expect(f.instance.setFields).toHaveBeenCalledWith([{ name: "username", errors: ["用户名已被使用"] }]);
    expect(f.instance.scrollToField).toHaveBeenCalledWith("username");
    expect(f.message.error).not.toHaveBeenCalled();
  });

  it("shows a message when the field is not the form's, there is no form, or the error is not the API's", () => {
    const f = fakes();
    showApiError(new ApiError(400, "x", "组织已撤销", "orgId"), f.messageApi, f.form);
    showApiError(new ApiError(409, "user.exists", "用户名已被使用", "username"), f.messageApi);
    showApiError(new Error("boom"), f.messageApi, f.form);
    showApiError("plain", f.messageApi);
    expect(f.message.error.mock.calls.map((c) => c[0])).toEqual(["组织已撤销", "用户名已被使用", "boom", "plain"]);
    expect(f.instance.setFields).not.toHaveBeenCalled();
  });
});
