import type { RoundUncovered } from "@huzhu/contracts";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ToneTag } from "../../../components/ToneTag.tsx";

/** The recipients a result leaves uncovered, each with why in words. */
export function UncoveredList(props: { uncovered: RoundUncovered[] }) {
  const { t } = useTranslation();
  if (props.uncovered.length === 0) {
    return (
      <Typography.Paragraph type="secondary" data-testid="round-uncovered-none">
        {t("pairing.result.allCovered")}
      </Typography.Paragraph>
    );
  }
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="round-uncovered">
      {props.uncovered.map((u) => (
        <li key={u.recipient} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{u.recipientOrg.name}</Typography.Text>{" "}
          {u.recipientOrg.flags.map((f) => (
            <ToneTag key={f} tone="orange">
              {t(`pairing.flag.${f}`)}
            </ToneTag>
          ))}
          <br />
          <Typography.Text type="secondary">{u.explanation}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
