import type { CourseDetail, Me } from "@huzhu/contracts";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authQueries } from "../../../lib/auth/me.ts";
import { initI18n } from "../../../lib/i18n/index.ts";
import { CourseForm } from "./CourseForm.tsx";

beforeAll(async () => {
  await initI18n();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const me = {
  user: { id: 1, username: "s350824101201", displayName: "村书记", memberId: null },
  roles: [{ role: "secretary", orgId: 7, orgName: "中共三联村支部委员会" }],
  permissions: ["help.read", "help.write"],
  csrfToken: "csrf",
} as unknown as Me;

const saved = {
  id: 31,
  kind: "video",
  title: "乡村振兴专题讲座",
  summary: null,
  url: "https://edu.example.cn/v/31.mp4",
  minutes: 45,
  owner: { id: 7, name: "中共三联村支部委员会" },
  openTo: "region",
  createdAt: "2026-11-30T10:00:00+08:00",
  abilities: { update: true, assign: true, study: false },
  body: null,
  attachmentIds: [],
  assignedOrgs: [],
  assignedMembers: 0,
  completions: 0,
  myProgress: null,
} satisfies CourseDetail;

/** The API answers `status` with `body` to every request, and the test reads what was sent. */
function stubApi(status: number, body: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function renderForm(course?: CourseDetail) {
  const onSaved = vi.fn();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(authQueries.me().queryKey, me);
  render(
    <QueryClientProvider client={queryClient}>
      <App>
        <CourseForm course={course} onSaved={onSaved} />
      </App>
    </QueryClientProvider>,
  );
  return onSaved;
}

const field = (label: string) => screen.getByLabelText(label);
const submit = () => act(async () => fireEvent.click(screen.getByTestId("course-save")));
const sent = (fetch: ReturnType<typeof stubApi>) => {
  const [url, init] = fetch.mock.calls[0] ?? [];
  return { url, method: init?.method, body: JSON.parse(String(init?.body)) };
};

/** Opens the kind list (an antd Select) and picks one by its words. */
async function pickKind(label: string) {
  await act(async () => fireEvent.mouseDown(field("课程类型")));
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll(".ant-select-item-option")].find((o) => o.textContent === label);
    if (!found) throw new Error(`no option ${label}`);
    return found;
  });
  await act(async () => fireEvent.click(option));
}

// antd in happy-dom is slow on two shared cores.
describe("CourseForm", { timeout: 20_000 }, () => {
  it("shares a video in the name of the user's own organization, trimmed, with its address", async () => {
    const fetch = stubApi(201, saved);
    const onSaved = renderForm();
    await pickKind("视频");
    fireEvent.change(field("标题"), { target: { value: "  乡村振兴专题讲座  " } });
    fireEvent.change(field("视频或链接地址"), { target: { value: "https://edu.example.cn/v/31.mp4" } });
    fireEvent.change(field("学时（分钟）"), { target: { value: "45" } });
    await submit();
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    const request = sent(fetch);
    expect(request.url).toBe("/api/courses");
    expect(request.body).toEqual({
      orgId: 7,
      kind: "video",
      title: "乡村振兴专题讲座",
      summary: null,
      body: null,
      url: "https://edu.example.cn/v/31.mp4",
      minutes: 45,
      openTo: "region",
    });
  });

  it("asks for the write-up, not an address, for an experience", async () => {
    stubApi(201, saved);
    renderForm();
    await pickKind("党务经验");
    expect(screen.queryByLabelText("视频或链接地址")).toBeNull();
    expect(field("经验做法")).toBeTruthy();
  });

  it("catches an address that is not http(s) and a missing study time, sending nothing", async () => {
    const fetch = stubApi(201, saved);
    renderForm();
    await pickKind("链接");
    fireEvent.change(field("标题"), { target: { value: "党章学习" } });
    fireEvent.change(field("视频或链接地址"), { target: { value: "ftp://edu.example.cn/a" } });
    await submit();
    expect(await screen.findByText("格式不正确")).toBeTruthy();
    expect(await screen.findByText("请填写此项")).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("puts a 400 naming a field on that field", async () => {
    stubApi(400, { error: { code: "validation", message: "标题已被本组织使用", field: "title" } });
    const onSaved = renderForm();
    await pickKind("文档");
    fireEvent.change(field("标题"), { target: { value: "党章学习" } });
    fireEvent.change(field("学时（分钟）"), { target: { value: "30" } });
    await submit();
    expect(await screen.findByText("标题已被本组织使用")).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("edits a course with PATCH, without an owner", async () => {
    const fetch = stubApi(200, { ...saved, minutes: 60 });
    const onSaved = renderForm(saved);
    expect(screen.queryByLabelText("所属组织")).toBeNull();
    fireEvent.change(field("学时（分钟）"), { target: { value: "60" } });
    await submit();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const request = sent(fetch);
    expect(request.url).toBe("/api/courses/31");
    expect(request.method).toBe("PATCH");
    expect(request.body).toEqual({
      kind: "video",
      title: "乡村振兴专题讲座",
      summary: null,
      body: null,
      url: "https://edu.example.cn/v/31.mp4",
      minutes: 60,
      openTo: "region",
    });
  });
});
