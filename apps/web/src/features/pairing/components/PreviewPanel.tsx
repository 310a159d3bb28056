import type { PairingForm, PairingRoundPreview } from "@huzhu/contracts";
import { Button, Card, Col, Flex, InputNumber, Row, Statistic, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ToneTag } from "../../../components/ToneTag.tsx";

type Recipient = PairingRoundPreview["recipients"][number];
type Helper = PairingRoundPreview["helpers"][number];

/** A number with a save button beside it (a what-if: the round is solved again when it is saved). */
function AmountEdit(props: {
  value: number;
  min: number;
  max: number;
  label: string;
  disabled: boolean;
  onSave: (value: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<number | null>(props.value);
  const changed = value !== null && value !== props.value;
  return (
    <Flex gap={4} align="center">
      <InputNumber
        size="small"
        min={props.min}
        max={props.max}
        precision={0}
        value={value}
        onChange={setValue}
        aria-label={props.label}
        disabled={props.disabled}
        style={{ width: 64 }}
        data-testid={props.testId}
      />
      {changed ? (
        <Button
          size="small"
          type="link"
          onClick={() => value !== null && props.onSave(value)}
          disabled={props.disabled}
        >
          {t("common.save")}
        </Button>
      ) : null}
    </Flex>
  );
}

/**
 * What a round's parameters give before solving: the candidate set's size (and by form), the
 * recipients with their demand and the helpers with their capacity. After a run (`editable`),
 * a demand or a capacity can be changed and the round is solved again at once.
 */
export function PreviewPanel(props: {
  preview: PairingRoundPreview;
  editable: boolean;
  busy: boolean;
  onDemand: (orgId: number, demand: number) => void;
  onCapacity: (orgId: number, capacity: number) => void;
}) {
  const { t } = useTranslation();
  const p = props.preview;
  const orgCell = (o: Recipient | Helper) => (
    <Flex vertical>
      <Typography.Text style={{ overflowWrap: "anywhere" }}>{o.name}</Typography.Text>
      <Flex gap={4} wrap>
        {o.town ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.town.name}
          </Typography.Text>
        ) : null}
        {o.flags.map((f) => (
          <ToneTag key={f} tone="orange">
            {t(`pairing.flag.${f}`)}
          </ToneTag>
        ))}
      </Flex>
    </Flex>
  );
  return (
    <Card size="small" title={t("pairing.preview.title")} data-testid="round-preview">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t("pairing.preview.candidates")}
            value={p.candidates}
            data-testid="preview-candidates"
            data-value={p.candidates}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("pairing.preview.recipients")}
            value={p.recipients.length}
            data-testid="preview-recipients"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("pairing.preview.helpers")} value={p.helpers.length} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("pairing.preview.unreachable")} value={p.recipientsWithoutCandidates} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="preview-words">
        {t("pairing.preview.words", {
          candidates: p.candidates,
          recipients: p.recipients.length,
          helpers: p.helpers.length,
        })}{" "}
        {Object.entries(p.byForm)
          .filter(([, n]) => n > 0)
          .map(([form, n]) => t("pairing.preview.byForm", { form: t(`pairing.form.${form as PairingForm}`), count: n }))
          .join(t("common.listSeparator"))}
        {p.truncated ? ` ${t("pairing.preview.truncated")}` : null}
      </Typography.Paragraph>
      <Tabs
        size="small"
        items={[
          {
            key: "recipients",
            label: t("pairing.preview.recipientList", { count: p.recipients.length }),
            children: (
              <Table<Recipient>
                size="small"
                rowKey="id"
                dataSource={p.recipients}
                pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                columns={[
                  { key: "name", title: t("pairing.preview.org"), render: (_v, o) => orgCell(o) },
                  { key: "candidates", title: t("pairing.preview.candidateCount"), dataIndex: "candidates", width: 72 },
                  {
                    key: "demand",
                    title: t("pairing.preview.demand"),
                    width: 120,
                    render: (_v, o) =>
                      props.editable ? (
                        <AmountEdit
                          value={o.demand}
                          min={1}
                          max={10}
                          label={t("pairing.preview.demandOf", { org: o.name })}
                          disabled={props.busy}
                          onSave={(v) => props.onDemand(o.id, v)}
                          testId={`demand-${o.id}`}
                        />
                      ) : (
                        o.demand
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: "helpers",
            label: t("pairing.preview.helperList", { count: p.helpers.length }),
            children: (
              <Table<Helper>
                size="small"
                rowKey="id"
                dataSource={p.helpers}
                pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                columns={[
                  { key: "name", title: t("pairing.preview.org"), render: (_v, o) => orgCell(o) },
                  { key: "candidates", title: t("pairing.preview.candidateCount"), dataIndex: "candidates", width: 72 },
                  {
                    key: "capacity",
                    title: t("pairing.preview.capacity"),
                    width: 120,
                    render: (_v, o) =>
                      props.editable ? (
                        <AmountEdit
                          value={o.capacity}
                          min={1}
                          max={50}
                          label={t("pairing.preview.capacityOf", { org: o.name })}
                          disabled={props.busy}
                          onSave={(v) => props.onCapacity(o.id, v)}
                          testId={`capacity-${o.id}`}
                        />
                      ) : (
                        o.capacity
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
