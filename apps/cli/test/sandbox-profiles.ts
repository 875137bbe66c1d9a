import { createRspClient, SimlesslyApiError } from "@simlessly/client";
import type { ProfileListingEntry, Sandbox } from "@simlessly/mock";

/** Every profile the sandbox holds, with how often its ICCID was submitted, page by page. */
export function allProfiles(sandbox: Sandbox): ProfileListingEntry[] {
  const pageSize = 10_000;
  const first = sandbox.admin.profiles({ limit: pageSize });
  const profiles = [...first.profiles];
  for (let offset = pageSize; offset < first.total; offset += pageSize) {
    profiles.push(...sandbox.admin.profiles({ offset, limit: pageSize }).profiles);
  }
  return profiles;
}

/**
 * Whether the sandbox takes `activationCode` as the current code of the ICCID's profile, asked
 * the way a platform user would over HTTP: an order for the profile (downloadOrder), then
 * confirmOrder with the code, which the platform refuses for any other code. The order is
 * cancelled again, so the profile is left Available.
 */
export async function acceptsAsCurrent(
  sandbox: Sandbox,
  iccid: string,
  activationCode: string,
): Promise<boolean> {
  const { accessKey, secretKey } = sandbox.credentials.rsp;
  const client = createRspClient({ baseUrl: sandbox.url, accessKey, secretKey });
  await client.downloadOrder({ iccid });
  try {
    await client.confirmOrder({ iccid, ac: activationCode });
    return true;
  } catch (error) {
    if (error instanceof SimlesslyApiError && error.code === "AC_MISMATCH") return false;
    throw error;
  } finally {
    await client.cancelOrder({ iccid });
  }
}
