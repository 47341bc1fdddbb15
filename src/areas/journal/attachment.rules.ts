/** What a journal entry may carry as files: PDF and the common image types, each at most 10 MB, at most 20 per entry. */
export const attachmentMediaTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_ENTRY = 20;

/** A media type sniffed from the bytes that the journal accepts; anything else (or nothing recognised) is refused. */
export function acceptedMediaType(sniffed: string | undefined): AttachmentMediaType | null {
  return attachmentMediaTypes.find((type) => type === sniffed) ?? null;
}

/**
 * The name a file is kept and offered under: the last part of what was sent, without control
 * characters, path separators or quotes, at most 200 characters; a name in any script is kept.
 */
export function safeFileName(sent: string): string {
  const last = sent.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}
