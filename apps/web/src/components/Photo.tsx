import { useState } from "react";
import { attachmentUrl } from "../lib/api/upload-attachment.ts";

/** A stored photo; a document (or a photo that cannot be read) is left out rather than shown broken. */
export function Photo(props: { id: string; alt: string; size: number; cover?: boolean }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <img
      src={attachmentUrl(props.id)}
      alt={props.alt}
      loading="lazy"
      onError={() => setFailed(true)}
      style={{
        width: props.cover ? "100%" : props.size,
        height: props.size,
        objectFit: "cover",
        borderRadius: 6,
        display: "block",
        background: "#f0f0f0",
      }}
    />
  );
}
