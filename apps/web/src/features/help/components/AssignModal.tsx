import type { Need } from "@huzhu/contracts";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { useAssignNeed } from "../api/assign-need.ts";
import { OrgMessageModal } from "./OrgMessageForm.tsx";

/** The coordinator picks a helper organization of the jurisdiction for a need (上级指派). */
export function AssignModal(props: { need: Need; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const assign = useAssignNeed();
  return (
    <OrgMessageModal
      title={t("help.need.actions.assign")}
      okText={t("help.need.actions.assign")}
      pending={assign.isPending}
      onClose={props.onClose}
      orgLabel={t("help.claims.helper")}
      orgPicker={<OrgSelect exclude={props.need.org.id} style={{ width: "100%" }} />}
      send={async (body) => {
        await assign.mutateAsync({ needId: props.need.id, body });
        void message.success(t("help.claims.accepted"));
      }}
    />
  );
}
