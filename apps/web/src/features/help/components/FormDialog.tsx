import { type ButtonProps, Modal } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A dialog around one form, as every help dialog has it: OK submits the form (`onOk`, usually
 * `form.submit()`), spins while the request is out, large buttons and the full width of a phone.
 */
export function FormDialog(props: {
  title: string;
  /** The OK button's words; 保存 by default. */
  okText?: string;
  onOk: () => void;
  onClose: () => void;
  pending: boolean;
  danger?: boolean;
  okTestId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const okButtonProps = { size: "large", danger: props.danger, "data-testid": props.okTestId } as ButtonProps;
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText ?? t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={okButtonProps}
      cancelButtonProps={{ size: "large" }}
      onOk={props.onOk}
      onCancel={props.onClose}
      confirmLoading={props.pending}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      {props.children}
    </Modal>
  );
}
