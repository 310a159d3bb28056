import type { Me, SessionGate } from "@huzhu/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { refreshMe } from "../../../lib/auth/me.ts";
import { ChangePasswordForm } from "../components/ChangePasswordForm.tsx";
import { EnrolSecondFactor } from "../components/EnrolSecondFactor.tsx";
import { GateLayout } from "../components/GateLayout.tsx";
import { RecoveryCodesPanel } from "../components/RecoveryCodesPanel.tsx";
import { SecondFactorCodeForm } from "../components/SecondFactorCodeForm.tsx";

const titles = {
  second_factor: "gate.secondFactor.title",
  password_change: "gate.passwordChange.title",
  second_factor_enrolment: "gate.enrolment.title",
} as const satisfies Record<SessionGate, string>;

function PasswordChangeStep(props: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t("gate.passwordChange.intro")} />
      <ChangePasswordForm
        username={props.me.user.username}
        currentLabel={t("security.fields.oneTimePassword")}
        submitText={t("gate.passwordChange.submit")}
        onChanged={() => void message.success(t("gate.passwordChange.done"))}
      />
    </Flex>
  );
}

/**
 * Enrolment required by the user's role. The recovery codes stay on screen until the user says
 * they are stored; only then is Me read again, which lets the app (or the next step) appear.
 */
function EnrolmentStep(props: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <RecoveryCodesPanel
        codes={codes}
        username={props.me.user.username}
        doneText={t("gate.enrolment.continue")}
        onDone={() => void refreshMe(queryClient)}
      />
    );
  }
  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t("gate.enrolment.intro")} />
      <EnrolSecondFactor username={props.me.user.username} onEnrolled={setCodes} />
    </Flex>
  );
}

/**
 * What a signed-in session must do before the app opens, one gate at a time in the server's
 * order (code, then a new password, then enrolment). Each step's answer updates Me, so the next
 * gate or the app follows by itself.
 */
export default function SessionGatePage(props: { me: Me }) {
  const { t } = useTranslation();
  const gate = props.me.gates[0];
  if (!gate) return null;
  return (
    <GateLayout me={props.me} title={t(titles[gate])}>
      <div data-gate={gate} data-testid="gate-step" key={gate}>
        {gate === "second_factor" ? <SecondFactorCodeForm /> : null}
        {gate === "password_change" ? <PasswordChangeStep me={props.me} /> : null}
        {gate === "second_factor_enrolment" ? <EnrolmentStep me={props.me} /> : null}
      </div>
      {props.me.gates.length > 1 ? (
        <Typography.Paragraph type="secondary" style={{ margin: "16px 0 0" }}>
          {t("gate.moreSteps", { count: props.me.gates.length - 1 })}
        </Typography.Paragraph>
      ) : null}
    </GateLayout>
  );
}
