import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App, Button, Form } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../lib/api/client.ts";
import { initI18n } from "../../../lib/i18n/index.ts";
import { OrgMessageForm, type OrgMessageValues } from "./OrgMessageForm.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(cleanup);

/** A plain picker: the form passes value and onChange to whatever picker it is given. */
function Picker(props: { id?: string; value?: number | null; onChange?: (v: number | null) => void }) {
  return (
    <select
      id={props.id}
      aria-label="org"
      value={props.value ?? ""}
      onChange={(e) => props.onChange?.(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">—</option>
      <option value="7">中共三联村支部委员会</option>
    </select>
  );
}

function Harness(props: { send: (body: unknown) => Promise<unknown>; onSent: () => void; initialOrgId?: number }) {
  const [form] = Form.useForm<OrgMessageValues>();
  return (
    <App>
      <OrgMessageForm
        form={form}
        orgLabel="以哪个组织认领"
        orgPicker={<Picker />}
        initialOrgId={props.initialOrgId ?? null}
        messageTestId="message"
        send={props.send}
        onSent={props.onSent}
      >
        <Button htmlType="submit">send</Button>
      </OrgMessageForm>
    </App>
  );
}

const submit = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "send" })));

// Rendering antd in happy-dom takes seconds on a busy 2-core machine: more than the 5 s default.
describe("OrgMessageForm (claim a need, ask for a resource, assign a helper)", { timeout: 20_000 }, () => {
  it("sends the organization and the trimmed message, then reports it sent", async () => {
    const send = vi.fn(async () => ({}));
    const onSent = vi.fn();
    render(<Harness send={send} onSent={onSent} initialOrgId={7} />);
    fireEvent.change(screen.getByTestId("message"), { target: { value: "  可以派技术员  " } });
    await submit();
    await waitFor(() => expect(onSent).toHaveBeenCalledOnce());
    expect(send).toHaveBeenCalledWith({ orgId: 7, message: "可以派技术员" });
  });

  it("leaves an empty message out of the body", async () => {
    const send = vi.fn(async () => ({}));
    render(<Harness send={send} onSent={() => {}} initialOrgId={7} />);
    fireEvent.change(screen.getByTestId("message"), { target: { value: "   " } });
    await submit();
    await waitFor(() => expect(send).toHaveBeenCalledWith({ orgId: 7 }));
  });

  it("asks for the organization before anything is sent, labelled by the picker's label", async () => {
    const send = vi.fn(async () => ({}));
    render(<Harness send={send} onSent={() => {}} />);
    expect(screen.getByLabelText("以哪个组织认领")).toBeTruthy();
    await submit();
    await screen.findByText("请填写此项");
    expect(send).not.toHaveBeenCalled();
  });

  it("shows the server's refusal of a field on that field and does not report it sent", async () => {
    const send = vi.fn(async () => {
      throw new ApiError(400, "validation", "留言：含有不可见字符", "message");
    });
    const onSent = vi.fn();
    render(<Harness send={send} onSent={onSent} initialOrgId={7} />);
    fireEvent.change(screen.getByTestId("message"), { target: { value: "你好" } });
    await submit();
    await screen.findByText("留言：含有不可见字符");
    expect(onSent).not.toHaveBeenCalled();
  });
});
