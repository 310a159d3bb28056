import { CameraOutlined, DeleteOutlined } from "@ant-design/icons";
import { App, Button, Flex, Spin, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useUploadAttachment } from "../lib/api/upload-attachment.ts";
import { showApiError } from "../lib/form-errors.ts";
import { Photo } from "./Photo.tsx";

export interface UploadedPhoto {
  id: string;
  name: string;
}

/**
 * Photos taken with the phone's camera (or chosen) are uploaded at once, one by one, and kept as
 * ids for the record that links them. A big button, not a drop zone: the hand holds a phone.
 */
export function PhotoInput(props: {
  id?: string;
  value?: UploadedPhoto[];
  onChange?: (value: UploadedPhoto[]) => void;
  max?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadAttachment();
  const [busy, setBusy] = useState(false);
  const photos = props.value ?? [];
  const max = props.max ?? 20;

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    let next = photos;
    try {
      for (const file of Array.from(files).slice(0, max - photos.length)) {
        const saved = await upload.mutateAsync(file);
        next = [...next, { id: saved.id, name: saved.name }];
        props.onChange?.(next);
      }
    } catch (error) {
      showApiError(error, message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };

  return (
    <Flex vertical gap={8}>
      {photos.length > 0 ? (
        <Flex wrap gap={8} data-testid="photo-list">
          {photos.map((p) => (
            <Flex key={p.id} vertical align="center" gap={4}>
              <Photo id={p.id} alt={p.name} size={88} />
              <Button
                size="middle"
                icon={<DeleteOutlined />}
                aria-label={t("common.photos.remove", { name: p.name })}
                onClick={() => props.onChange?.(photos.filter((x) => x.id !== p.id))}
              />
            </Flex>
          ))}
        </Flex>
      ) : null}
      {busy ? (
        <Flex gap={8} align="center">
          <Spin size="small" />
          <Typography.Text>{t("common.photos.uploading")}</Typography.Text>
        </Flex>
      ) : null}
      {photos.length < max ? (
        <Button
          id={props.id}
          size="large"
          icon={<CameraOutlined />}
          onClick={() => input.current?.click()}
          disabled={busy}
          block
          style={{ height: 56 }}
        >
          {t("common.photos.add")}
        </Button>
      ) : null}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: "none" }}
        tabIndex={-1}
        aria-hidden
        data-testid={props.testId ?? "photo-input"}
        onChange={(e) => void onFiles(e.target.files)}
      />
    </Flex>
  );
}
