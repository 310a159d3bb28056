import type { PairingRhythm } from "@huzhu/contracts";
import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";

/**
 * A pairing's rhythm in words: the days since its last joint activity (or since its start while
 * there is none), and a warning when an active pairing has gone longer than the rhythm allows.
 */
export function RhythmNote(props: { rhythm: PairingRhythm; compact?: boolean }) {
  const { t } = useTranslation();
  const r = props.rhythm;
  const words =
    r.daysSinceLastActivity !== null
      ? t("pairing.rhythm.since", { days: r.daysSinceLastActivity, date: r.lastActivityOn ?? "" })
      : r.daysSinceStart !== null
        ? t("pairing.rhythm.none", { days: r.daysSinceStart })
        : t("pairing.rhythm.notStarted");
  if (r.lapsed) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="pairing-rhythm"
        data-lapsed="true"
        title={t("pairing.rhythm.lapsed", { days: r.lapseAfterDays })}
        description={props.compact ? undefined : words}
      />
    );
  }
  return (
    <Typography.Text data-testid="pairing-rhythm" data-lapsed="false">
      {words}
    </Typography.Text>
  );
}
