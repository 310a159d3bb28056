import { EyeInvisibleOutlined, EyeOutlined } from "@ant-design/icons";
import type { Member, RevealBody } from "@huzhu/contracts";
import { Button, Descriptions, type DescriptionsProps, Flex, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RevealResult } from "../api/reveal-member.ts";
import { RevealModal } from "./RevealModal.tsx";

/** How long a revealed value stays on screen. */
const revealSeconds = 30;

type Field = RevealBody["field"];

export function StatusTag(props: { status: Member["status"] }) {
  const { t } = useTranslation();
  return <Tag color={props.status === "full" ? "red" : "orange"}>{t(`member.status.${props.status}`)}</Tag>;
}

/** A revealed value with a countdown; it hides itself when the time is up. */
function Revealed(props: { field: Field; value: string; onHide: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(revealSeconds);
  const { onHide } = props;
  useEffect(() => {
    const timer = window.setInterval(() => setLeft((s) => s - 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onHide();
  }, [left, onHide]);
  return (
    <Flex wrap gap={8} align="center">
      <Typography.Text
        strong
        copyable
        style={{ fontFamily: "monospace", fontSize: 15 }}
        data-testid={`revealed-${props.field}`}
      >
        {props.value}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("member.revealCountdown", { seconds: Math.max(left, 0) })}
      </Typography.Text>
      <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={onHide}>
        {t("member.revealHide")}
      </Button>
    </Flex>
  );
}

/** A member's record, masked, with a reveal action per personal field when the user may reveal. */
export function MemberDetails(props: { member: Member }) {
  const { t } = useTranslation();
  const { member } = props;
  const [asking, setAsking] = useState<Field | null>(null);
  const [revealed, setRevealed] = useState<Partial<Record<Field, string>>>({});

  const hide = (field: Field) => setRevealed((r) => ({ ...r, [field]: undefined }));
  const onRevealed = (result: RevealResult) => {
    setAsking(null);
    setRevealed((r) => ({ ...r, [result.field]: result.value ?? t("member.noPhone") }));
  };

  /** A masked value (or, for the birth date, what the roster shows instead) with its reveal button. */
  const sensitive = (field: Field, masked: string | null, mono = true) => {
    const value = revealed[field];
    if (value !== undefined) return <Revealed field={field} value={value} onHide={() => hide(field)} />;
    return (
      <Flex wrap gap={8} align="center">
        <Typography.Text style={mono ? { fontFamily: "monospace" } : undefined} data-testid={`masked-${field}`}>
          {masked ?? t("member.noPhone")}
        </Typography.Text>
        {member.abilities.reveal && masked ? (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(field)} data-testid={`reveal-${field}`}>
            {t("member.reveal")}
          </Button>
        ) : null}
      </Flex>
    );
  };

  const items: DescriptionsProps["items"] = [
    { key: "name", label: t("member.fields.name"), children: member.name },
    { key: "gender", label: t("member.fields.gender"), children: t(`member.gender.${member.gender}`) },
    { key: "ethnicity", label: t("member.fields.ethnicity"), children: member.ethnicity },
    {
      // Only the year and the age: the full date would undo the ID number's mask, so it is revealed.
      key: "birthDate",
      label: t("member.fields.birthDate"),
      children: sensitive(
        "birthDate",
        t("member.birthYearWithAge", { year: member.birthYear, age: member.age }),
        false,
      ),
    },
    { key: "idNumber", label: t("member.fields.idNumber"), children: sensitive("idNumber", member.idNumberMasked) },
    { key: "phone", label: t("member.fields.phone"), children: sensitive("phone", member.phoneMasked) },
    { key: "education", label: t("member.fields.education"), children: t(`member.education.${member.education}`) },
    { key: "joinDate", label: t("member.fields.joinDate"), children: member.joinDate },
    { key: "status", label: t("member.fields.status"), children: <StatusTag status={member.status} /> },
    { key: "primaryOrg", label: t("member.fields.primaryOrg"), children: member.primaryOrg.name },
    { key: "coOrg", label: t("member.fields.coOrg"), children: member.coOrg?.name ?? t("member.coOrgNone") },
  ];

  return (
    <>
      <Descriptions items={items} column={1} size="small" bordered styles={{ label: { width: 112 } }} />
      {asking ? (
        <RevealModal
          memberId={member.id}
          memberName={member.name}
          field={asking}
          onClose={() => setAsking(null)}
          onRevealed={onRevealed}
        />
      ) : null}
    </>
  );
}
