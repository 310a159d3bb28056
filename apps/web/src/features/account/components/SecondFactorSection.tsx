import { CheckCircleFilled, ExclamationCircleOutlined } from "@ant-design/icons";
import type { Me } from "@huzhu/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Flex, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { refreshMe } from "../../../lib/auth/me.ts";
import { DisableSecondFactorModal } from "./DisableSecondFactorModal.tsx";
import { EnrolSecondFactor } from "./EnrolSecondFactor.tsx";
import { RecoveryCodesPanel } from "./RecoveryCodesPanel.tsx";
import { RegenerateCodesModal } from "./RegenerateCodesModal.tsx";

function Status(props: { on: boolean }) {
  const { t } = useTranslation();
  // Text as well as colour: the state must not depend on seeing green or grey.
  return props.on ? (
    <Flex align="center" gap={6} data-testid="second-factor-status" data-on="true">
      <CheckCircleFilled style={{ color: "#237804" }} aria-hidden />
      <Typography.Text strong style={{ color: "#237804" }}>
        {t("security.statusOn")}
      </Typography.Text>
    </Flex>
  ) : (
    <Flex align="center" gap={6} data-testid="second-factor-status" data-on="false">
      <ExclamationCircleOutlined style={{ color: "#595959" }} aria-hidden />
      <Typography.Text strong>{t("security.statusOff")}</Typography.Text>
    </Flex>
  );
}

/**
 * 双因素登录 on the security page: its state; enrolment when off; new recovery codes and turning
 * it off (unless the role requires it) when on. Fresh recovery codes stay on screen until the
 * user says they are stored, whatever Me says meanwhile.
 */
export function SecondFactorSection(props: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<"regenerate" | "disable" | null>(null);
  const { user } = props.me;

  let body: ReactNode;
  if (codes) {
    body = (
      <RecoveryCodesPanel
        codes={codes}
        username={user.username}
        doneText={t("security.recovery.done")}
        onDone={() => setCodes(null)}
      />
    );
  } else if (!user.secondFactor) {
    body = (
      <EnrolSecondFactor
        username={user.username}
        onEnrolled={(recoveryCodes) => {
          setCodes(recoveryCodes);
          void refreshMe(queryClient);
        }}
      />
    );
  } else {
    body = (
      <Flex vertical gap={12} align="start">
        <Flex wrap gap={8}>
          <Button onClick={() => setDialog("regenerate")} data-testid="recovery-regenerate">
            {t("security.recovery.regenerate")}
          </Button>
          {user.secondFactorRequired ? null : (
            <Button danger onClick={() => setDialog("disable")} data-testid="second-factor-disable">
              {t("security.disable.button")}
            </Button>
          )}
        </Flex>
        {user.secondFactorRequired ? (
          <Typography.Text type="secondary" data-testid="second-factor-required">
            {t("security.requiredNote")}
          </Typography.Text>
        ) : null}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <Status on={user.secondFactor} />
      <Typography.Paragraph style={{ margin: 0 }}>{t("security.twoFactorIntro")}</Typography.Paragraph>
      {body}
      {dialog === "regenerate" ? (
        <RegenerateCodesModal
          onClose={() => setDialog(null)}
          onCodes={(recoveryCodes) => {
            setDialog(null);
            setCodes(recoveryCodes);
          }}
        />
      ) : null}
      {dialog === "disable" ? <DisableSecondFactorModal onClose={() => setDialog(null)} /> : null}
    </Flex>
  );
}
