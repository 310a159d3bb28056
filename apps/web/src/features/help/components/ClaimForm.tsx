import type { Need } from "@huzhu/contracts";
import { App, Button, Card, Form } from "antd";
import { useTranslation } from "react-i18next";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { useClaimNeed } from "../api/claim-need.ts";
import { OrgMessageForm, type OrgMessageValues } from "./OrgMessageForm.tsx";

/** 我要认领: one of the user's own organizations offers to help, with a word to the other side. */
export function ClaimForm(props: { need: Need }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgMessageValues>();
  const orgs = useOwnOrgs().filter((o) => o.id !== props.need.org.id);
  const claim = useClaimNeed();
  return (
    <Card title={t("help.claims.form.title")} size="small" data-testid="claim-form">
      <OrgMessageForm
        form={form}
        orgLabel={t("help.claims.form.org")}
        orgPicker={<OwnOrgSelect options={orgs} />}
        initialOrgId={orgs[0]?.id ?? null}
        messagePlaceholder={t("help.claims.form.messagePlaceholder")}
        messageTestId="claim-message"
        send={(body) => claim.mutateAsync({ needId: props.need.id, body })}
        onSent={() => {
          void message.success(t("help.claims.form.sent"));
          form.resetFields(["message"]);
        }}
      >
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          loading={claim.isPending}
          block
          data-testid="claim-submit"
        >
          {t("help.claims.form.submit")}
        </Button>
      </OrgMessageForm>
    </Card>
  );
}
