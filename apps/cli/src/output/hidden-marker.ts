/** What a secret value is replaced with wherever the CLI shows data or text. */
export const hiddenMarker = "[hidden]";
