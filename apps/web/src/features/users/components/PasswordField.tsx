import { KeyOutlined } from "@ant-design/icons";
import { Button, Input, Space, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { generatePassword } from "./generate-password.ts";

/**
 * A new password for someone else's account: typed, or generated and then shown, so the
 * administrator can hand it over. Used as a Form.Item child (value/onChange/id).
 */
export function PasswordField(props: { value?: string; onChange?: (value: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact block>
      <Input.Password
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange?.(e.target.value)}
        autoComplete="new-password"
        maxLength={256}
        visibilityToggle={{ visible, onVisibleChange: setVisible }}
        style={{ fontFamily: visible ? "monospace" : undefined }}
      />
      <Tooltip title={t("account.generatePassword")}>
        <Button
          icon={<KeyOutlined />}
          aria-label={t("account.generatePassword")}
          onClick={() => {
            props.onChange?.(generatePassword());
            setVisible(true);
          }}
          data-testid="generate-password"
        />
      </Tooltip>
    </Space.Compact>
  );
}
