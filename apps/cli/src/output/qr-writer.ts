import { closeSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDir, replacePrivateFile } from "./private-files.ts";

/** The QR image formats, or none. */
export type QrFormat = "png" | "svg" | "none";

/** Writes one QR image per activation code. */
export interface QrWriter {
  readonly folder: string;
  readonly format: Exclude<QrFormat, "none">;
  /** Writes `<iccid>.<format>` holding `LPA:<activation code>`, replacing an earlier one. */
  write(iccid: string, activationCode: string): Promise<void>;
}

/**
 * Creates the QR folder (0700; an existing one must be a real folder only its owner can
 * write to) and a writer for it. Images are created exclusively, 0600: anyone who can scan
 * one can download the profile. The encoder loads on first use only.
 */
export async function createQrWriter(
  folder: string,
  format: Exclude<QrFormat, "none">,
): Promise<QrWriter> {
  ensurePrivateDir(folder, { followLink: false });
  const { renderQrImage } = await import("./qr-image.ts");
  return {
    folder,
    format,
    async write(iccid, activationCode) {
      // SGP.22: a QR code carries the activation code behind the `LPA:` scheme.
      const text = activationCode.startsWith("LPA:") ? activationCode : `LPA:${activationCode}`;
      // About 12 µs a PNG, on this thread; the file below takes twice that, mostly in the kernel. A
      // worker thread took more CPU in all and made runs on two cores no faster, the other
      // core being busy with fsyncs, the GC and the network; asynchronous open, write and
      // close took this thread twice the CPU of synchronous ones.
      const data = renderQrImage(text, format);
      // ICCIDs reaching here passed the contract's digits-only pattern: safe as file names.
      const fd = replacePrivateFile(join(folder, `${iccid}.${format}`));
      try {
        let offset = 0;
        while (offset < data.length) offset += writeSync(fd, data, offset);
      } finally {
        closeSync(fd);
      }
    },
  };
}
