import { saveFile } from "../../../lib/api/client.ts";

/** Offers `text` as a file download (the recovery codes' .txt); nothing leaves the browser. */
export function downloadText(fileName: string, text: string): void {
  saveFile(new Blob([text], { type: "text/plain;charset=utf-8" }), fileName);
}
