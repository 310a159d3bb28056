import { type RoundWeights, type ScoreFactorCode, scoreFactorCodes, WEIGHT_MAX, WEIGHT_MIN } from "@huzhu/contracts";
import { Flex, InputNumber, Typography } from "antd";
import { useTranslation } from "react-i18next";

/**
 * The six scoring weights of a round (0–10 each), one number per factor with the factor's meaning
 * under its name: a Form.Item control (value and onChange are the whole weights object).
 */
export function WeightsInput(props: { id?: string; value?: RoundWeights; onChange?: (value: RoundWeights) => void }) {
  const { t } = useTranslation();
  const value = props.value;
  const set = (code: ScoreFactorCode, n: number | null) => {
    if (!value) return;
    props.onChange?.({ ...value, [code]: n ?? 0 });
  };
  return (
    <Flex vertical gap={8} id={props.id} data-testid="round-weights">
      {scoreFactorCodes.map((code) => (
        <Flex key={code} gap={12} align="center" wrap>
          <InputNumber
            min={WEIGHT_MIN}
            max={WEIGHT_MAX}
            precision={0}
            value={value?.[code] ?? 0}
            onChange={(n) => set(code, n)}
            aria-label={t(`pairing.factor.${code}`)}
            data-testid={`weight-${code}`}
            style={{ width: 88 }}
          />
          <Flex vertical style={{ flex: "1 1 200px", minWidth: 0 }}>
            <Typography.Text strong>{t(`pairing.factor.${code}`)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(`pairing.factorHint.${code}`)}
            </Typography.Text>
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
}
