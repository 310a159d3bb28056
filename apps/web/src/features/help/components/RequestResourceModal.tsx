import type { Resource } from "@huzhu/contracts";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { useRequestResource } from "../api/request-resource.ts";
import { OrgMessageModal } from "./OrgMessageForm.tsx";

/** 申请资源: one of the user's own organizations asks for a resource, with a word to its owner. */
export function RequestResourceModal(props: { resource: Pick<Resource, "id" | "org">; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const orgs = useOwnOrgs().filter((o) => o.id !== props.resource.org.id);
  const request = useRequestResource();
  return (
    <OrgMessageModal
      title={t("help.resources.request")}
      okText={t("help.resources.request")}
      pending={request.isPending}
      onClose={props.onClose}
      orgLabel={t("help.resources.requestOrg")}
      orgPicker={<OwnOrgSelect options={orgs} />}
      initialOrgId={orgs[0]?.id ?? null}
      send={async (body) => {
        await request.mutateAsync({ resourceId: props.resource.id, body });
        void message.success(t("help.resources.requestSent"));
      }}
    />
  );
}
