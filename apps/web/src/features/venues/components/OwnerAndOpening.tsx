import { venueOpenings } from "@huzhu/contracts";
import { Flex, Form, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { OwnOrgSelect } from "../../../components/OwnOrgSelect.tsx";

/**
 * The owning organization of a new venue or course (one the user manages; fixed once it exists),
 * as the form's `orgId` field.
 */
export function OwnerField(props: { label: string; orgs: { id: number; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="orgId"
      label={props.label}
      required
      rules={[{ required: true, message: t("validation.required") }]}
    >
      <OwnOrgSelect options={props.orgs} />
    </Form.Item>
  );
}

/** Who a venue or course is open to (two-way opening), as the form's `openTo` field; `hints` says what each means. */
export function OpeningField(props: { label: string; hints?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="openTo" label={props.label} required>
      <Radio.Group>
        <Flex vertical gap={8}>
          {venueOpenings.map((o) => (
            <Radio key={o} value={o}>
              {t(`venues.openTo.${o}`)}
              {props.hints ? ` — ${t(`venues.openToHint.${o}`)}` : null}
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
    </Form.Item>
  );
}
