// Every answer shape the docs show or allow, per operation: the docs' own examples as the
// docs print them (repaired only where they are not JSON, each repair named), and the
// variants their field tables allow (an optional field left out, the other listed value).
// The sources are the stored docs pages and seeds summarized in
// shared/reference/simlessly-api.md; `source` names the page. Forward-compatible shapes the
// docs do not show are in `forwardAnswers`.
import type { Product } from "./spec-examples.ts";

/** One answer body as the platform may send it. */
export interface DocAnswer {
  /** Short name, unique per operation. */
  readonly name: string;
  readonly product: Product;
  readonly operationId: string;
  /** Where the shape comes from. */
  readonly source: string;
  /** The body, as text (a leading space before `{` is kept, as the docs print it). */
  readonly text: string;
  /** What was changed to make the docs' text JSON, if anything. */
  readonly repairs?: string;
  /** Whether the body is a success or a failure envelope (CMP: always success). */
  readonly outcome: "success" | "failure";
}

const json = (value: unknown) => JSON.stringify(value);

const rspOk = (obj: unknown) => json({ success: true, code: "00000", msg: "", obj });

/** The RSP answers. */
const rsp: DocAnswer[] = [
  {
    name: "old single-generate example",
    product: "rsp",
    operationId: "generateAc",
    source: "kazi365/docs singleGenerate.md (older docs), response example",
    text: ` {
  "obj":{
    "iccid": "89860468152080348700",
    "activationCode": "1$rsp-eu.redteamobile.com$CE261FCF57EFCB7C492DD8ECF43C5ADD"
  },
  "success": true,
  "msg": "",
  "code": "00000"
}`,
    outcome: "success",
  },
  {
    name: "activationCode left out (optional in the table)",
    product: "rsp",
    operationId: "generateAc",
    source: "singleGenerate.md response table: activationCode Optional",
    text: rspOk({ iccid: "89860468152080348700" }),
    outcome: "success",
  },
  {
    name: "with acLink (needAcLink)",
    product: "rsp",
    operationId: "generateAc",
    source: "reference §3.1 R1: acLink when requested (client code, batch results)",
    text: rspOk({
      iccid: "89860468152080349618",
      activationCode: "1$rsp-eu.simlessly.com$CE261FCF57EFCB7C492DD8ECF43C5ADD",
      acLink: "https://static.simlessly.com/simlessly/QR/89860468152080349618.png",
    }),
    outcome: "success",
  },
  {
    name: "mirror v2 path, same answer",
    product: "rsp",
    operationId: "generateAcV2",
    source: "document.redteatest.com single-generate (v2): same response as v1",
    text: rspOk({
      iccid: "89860468152080348700",
      activationCode: "1$rsp-eu.redteamobile.com$CE261FCF57EFCB7C492DD8ECF43C5ADD",
    }),
    outcome: "success",
  },
  {
    name: "seed 000 example",
    product: "rsp",
    operationId: "generateAcByBatch",
    source: "seed 000 (Batch Generate AC), response example",
    text: `{
  "obj":{
    "batchCode": "B202303071234223"
  },
  "success": true,
  " msg": " ",
  " code": " "
}`,
    repairs: 'trailing comma after "B202303071234223" removed',
    outcome: "success",
  },
  {
    name: "batchCode left out (Optional in seed 000's table)",
    product: "rsp",
    operationId: "generateAcByBatch",
    source: "seed 000 response table: batchCode Optional",
    text: rspOk({}),
    outcome: "success",
  },
  {
    name: "old batch-info example",
    product: "rsp",
    operationId: "getBatchInfo",
    source: "kazi365/docs queryBatchResult.md and the old docs page, response example",
    text: `{

  "obj":{
    "batchTaskInfo": {
      "batchCode": "B20230321123213",
      "taskType": "GENERATE AC",
      "status": "COMPLETE",
      "total":10,
      "resultUrl":"https://rsp.seamlessly.com/docs/example.xlsx",
      "succeed": 10,
      "failed": 0,
      "createTime": "2022/08/30 11:00:23"
    },
    "result":[ {
      "success": "false",
      "errorReson": "PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID    [89860468152080348704] already existsById.",
      "iccid": "89860468152080348700",
      "eid": "89086030202200000022000014352016",
      "activationCode": "1$rsp-eu.redteamobile.com$CE261FCF57EFCB7C492DD8ECF43C5ADD"
    }]
  },
  "success": true,
  "msg": " ",
  " code": " "
}`,
    repairs:
      "curly quotes around the resultUrl value made straight; trailing commas after createTime and after the result list removed",
    outcome: "success",
  },
  {
    name: "current batch-info table (results, succeedNum, acLink, eid null)",
    product: "rsp",
    operationId: "getBatchInfo",
    source: "query-batch-result.html (current) tables, with their example values",
    text: rspOk({
      batchTaskInfo: {
        batchCode: "B202303071234223",
        taskType: "GENERATE AC",
        status: "COMPLETE",
        total: 1,
        succeedNum: 1,
        failedNum: 0,
        createTime: "2022/08/30 11:00:23",
      },
      results: [
        {
          success: true,
          iccid: "89860468152080349618",
          eid: null,
          activationCode: "1$rsp-eu.simlessly.com$CE261FCF57EFCB7C492DD8ECF43C5ADD",
          acLink: "https://static.simlessly.com/simlessly/QR/89852019919010400000.png",
        },
      ],
    }),
    outcome: "success",
  },
  {
    name: "PROCESSING (the table's other status)",
    product: "rsp",
    operationId: "getBatchInfo",
    source: "query-batch-result.html: status COMPLETE/PROCESSING",
    text: rspOk({
      batchTaskInfo: {
        batchCode: "B202303071234223",
        taskType: "GENERATE AC",
        status: "PROCESSING",
        total: 100,
        succeedNum: 0,
        failedNum: 0,
        createTime: "2022/08/30 11:00:23",
      },
      results: [],
    }),
    outcome: "success",
  },
  {
    name: "the old path's answer",
    product: "rsp",
    operationId: "generateAcByUpp",
    source: "inferred: the new page's response section could not be read; the old page's shape",
    text: rspOk({
      iccid: "89860468152080348700",
      activationCode: "1$custom.example.com$CE261FCF57EFCB7C492DD8ECF43C5ADD",
    }),
    outcome: "success",
  },
  {
    name: "old generate-by-UPP example",
    product: "rsp",
    operationId: "addProfileByUpp",
    source: "kazi365/docs upp-generate.md (path profile/addByUpp), response example",
    text: ` {
  "obj":{
    "iccid": "89860468152080348700",
    "activationCode": "1$rsp-eu.redteamobile.com$CE261FCF57EFCB7C492DD8ECF43C5ADD"
  },
  "success": true,
  "msg": "",
  "code": "00000"
}`,
    outcome: "success",
  },
  {
    name: "update-by-UPP answer",
    product: "rsp",
    operationId: "updateProfileByUpp",
    source: "update-profile-by-upp.html: obj null, code 00000",
    text: rspOk(null),
    outcome: "success",
  },
  {
    name: "obj left out (inferred like update-by-UPP)",
    product: "rsp",
    operationId: "updateProfileParam",
    source: "inferred (x-inferred): the page's response section is cut off",
    text: json({ success: true, code: "00000", msg: "" }),
    outcome: "success",
  },
  {
    name: "delete example, code empty",
    product: "rsp",
    operationId: "deleteProfile",
    source: "kazi365/docs deleteProfile.md, response example",
    text: `{
  "obj":{
    "iccid":"89860468152080348700"
  },
  "success":true,
  "msg":"",
  "code":""
}`,
    outcome: "success",
  },
  {
    name: "old list-config example",
    product: "rsp",
    operationId: "listConfigs",
    source: "kazi365/docs queryProfileType.md, response example",
    text: `{

  "obj":{
    "configs": [
      "templateRegualr01", "templateRegualr01"
    ],
    "pageParam":{
      "total":0,
      "pageNum":1,
      "pageSize":10
    }
  },
  "success": true,
  "msg": "",
  "code": "00000"
}`,
    outcome: "success",
  },
  {
    name: "download-order example, code with a trailing space",
    product: "rsp",
    operationId: "downloadOrder",
    source: "kazi365/docs downloadOrder.md, response example",
    text: `{

  "obj":{
    "iccid":"8985211116317800004"
  },
  "success": true,
  "msg":"",
  "code":"00000 "
}`,
    outcome: "success",
  },
  {
    name: "confirm-order example",
    product: "rsp",
    operationId: "confirmOrder",
    source: "confirm-order.html and kazi365/docs confirmOrder.md, response example",
    text: `{
  "obj":{
    "eid":"35203000100100000000000021371840",
    "ac":"1$rsp-xian.redteaready.cn$2C056EC0786EE4A4F0B6EE4F4A5D7136"
  },
  "success": true,
  "msg":"",
  "code":"00000"
}`,
    repairs: 'trailing comma after the "ac" value removed',
    outcome: "success",
  },
  {
    name: "eid null and ac left out (both optional in the table)",
    product: "rsp",
    operationId: "confirmOrder",
    source: 'confirm-order.html response table: eid Optional "null or example", ac Optional',
    text: rspOk({ eid: null }),
    outcome: "success",
  },
  ...(["cancelOrder", "releaseProfile", "expireOrder"] as const).map(
    (operationId): DocAnswer => ({
      name: "obj null, code with a trailing space",
      product: "rsp",
      operationId,
      source: `kazi365/docs ${operationId === "cancelOrder" ? "cancelOrder" : operationId === "releaseProfile" ? "releaseOrder" : "expiredOrder"}.md, response example`,
      text: `{
  "obj":null,
  "success": true,
  "msg":"",
  "code":"00000 "
}`,
      outcome: "success",
    }),
  ),
  {
    name: "change-recycling-time answer",
    product: "rsp",
    operationId: "changeRecycleTime",
    source: "change-recycling-time.html (older docs): obj {iccid}, code 00000",
    text: rspOk({ iccid: "89860468152080348700" }),
    outcome: "success",
  },
  {
    name: "empty answer (inferred like update-by-UPP)",
    product: "rsp",
    operationId: "addCampaignResource",
    source: "inferred (x-inferred): the page's response section is cut off after success",
    text: rspOk(null),
    outcome: "success",
  },
  {
    name: "the fields the public client reads",
    product: "rsp",
    operationId: "getProfileDetail",
    source:
      "inferred (x-inferred): VincentYTH/QuadcellMVNO reads iccid, status, deviceName, installLocation",
    text: rspOk({
      iccid: "89860468152080349618",
      status: "Installed",
      deviceName: "Pixel 8",
      installLocation: "eUICC",
    }),
    outcome: "success",
  },
  {
    name: "the fields the public client reads",
    product: "rsp",
    operationId: "listProfileLogs",
    source:
      "inferred (x-inferred): VincentYTH/QuadcellMVNO reads profileLogs[].{iccid,status,deviceName,installLocation}",
    text: rspOk({
      profileLogs: [{ iccid: "89860468152080349618", status: "Available" }],
      pageParam: { total: 1, pageNum: 1, pageSize: 20 },
    }),
    outcome: "success",
  },
  // Failures: no RSP page shows one (reference §4.1); these are the shapes RspFailure admits.
  {
    name: "failure with code and msg",
    product: "rsp",
    operationId: "getBatchInfo",
    source: "inferred (x-inferred): reference §4.1, success:false with a code and a msg",
    text: json({ success: false, code: "10001", msg: "batchCode not found" }),
    outcome: "failure",
  },
  {
    name: "failure with success only",
    product: "rsp",
    operationId: "generateAcByBatch",
    source: "inferred (x-inferred): no page shows a failure, so only success is required",
    text: json({ success: false }),
    outcome: "failure",
  },
  {
    name: 'failure with success "false" and a number in obj',
    product: "rsp",
    operationId: "deleteProfile",
    source:
      'inferred (x-inferred): an old example sends success "false"; eIM Appendix 3 puts a number in obj',
    text: json({ success: "false", code: "E9999 ", msg: "mystery", obj: 2 }),
    outcome: "failure",
  },
];

const eimOk = (obj?: unknown) =>
  json(
    obj === undefined
      ? { status: 200, success: true, msg: "" }
      : { status: 200, success: true, msg: "", obj },
  );

/** The docs' batch-task example (printed without its envelope, read as the `obj`). */
const docsBatchTask = {
  batchId: 1,
  batchType: "BATCH_SE_IMPORT_DEVICE",
  status: "PROCESSED",
  total: 500,
  success: 500,
  fail: 0,
  createTime: "2020-01-01 00:00:00",
  batchInfoDataList: [
    {
      eid: "35203000280200000000000000003672",
      imei: "111112111111400",
      iccid: "89860468152080349618",
      success: true,
      reason: "Success",
    },
  ],
};

/** The eIM answers. */
const eim: DocAnswer[] = [
  ...(["allocateAc", "allocateAcSingle"] as const).map(
    (operationId): DocAnswer => ({
      name: "allocate example, no obj",
      product: "eim",
      operationId,
      source: "allocate-ac.html, example of response",
      text: `{
    "status":200,
    "success": true,
    "msg": ""
}`,
      outcome: "success",
    }),
  ),
  {
    name: "batch-import-AC example",
    product: "eim",
    operationId: "batchImportAc",
    source: "batch-import-ac.html, response body example",
    text: eimOk({ batchId: 123456789012345 }),
    outcome: "success",
  },
  {
    name: "batch-import-device example",
    product: "eim",
    operationId: "batchImportDevice",
    source: "batch-import-device.html, response body example",
    text: eimOk({ batchId: 123456789 }),
    outcome: "success",
  },
  {
    name: "batchId like the other batch calls",
    product: "eim",
    operationId: "batchAllocateAc",
    source: "inferred (x-inferred): the page's response section is cut off",
    text: eimOk({ batchId: 123456789 }),
    outcome: "success",
  },
  {
    name: "batch-task example in the Appendix 2 envelope",
    product: "eim",
    operationId: "getBatchTaskResult",
    source:
      "query-batch-task-result.html, response body example (printed without the envelope every other eIM example and Appendix 2 show, so read as the obj)",
    text: eimOk(docsBatchTask),
    outcome: "success",
  },
  {
    name: "the table's spellings: bathId, BAHCH_SE_IMPORT_DEVICE",
    product: "eim",
    operationId: "getBatchTaskResult",
    source: "query-batch-task-result.html response table (bathId, BAHCH_SE_IMPORT_DEVICE)",
    text: eimOk({
      ...Object.fromEntries(Object.entries(docsBatchTask).filter(([key]) => key !== "batchId")),
      bathId: 1,
      batchType: "BAHCH_SE_IMPORT_DEVICE",
    }),
    outcome: "success",
  },
  {
    name: "PROCESSED_FAILED with Appendix 5 reasons, items without eid or imei",
    product: "eim",
    operationId: "getBatchTaskResult",
    source:
      "query-batch-task-result.html table (status values, eid/imei/iccid optional); appendix Appendix 5",
    text: eimOk({
      batchId: 2,
      batchType: "BATCH_SE_IMPORT_AC",
      status: "PROCESSED_FAILED",
      total: 2,
      success: 0,
      fail: 2,
      createTime: "2020-01-01 00:00:00",
      batchInfoDataList: [
        { iccid: "89860468152080349618", success: false, reason: "AC invalid!" },
        { iccid: "89860468152080349626", success: false, reason: "Repeated ICCID!" },
      ],
    }),
    outcome: "success",
  },
  {
    name: "PROCESSING, BATCH_ALLOCATE, no items yet",
    product: "eim",
    operationId: "getBatchTaskResult",
    source: "query-batch-task-result.html table (status, batchType values)",
    text: eimOk({
      batchId: 3,
      batchType: "BATCH_ALLOCATE",
      status: "PROCESSING",
      total: 500,
      success: 0,
      fail: 0,
      createTime: "2020-01-01 00:00:00",
      batchInfoDataList: [],
    }),
    outcome: "success",
  },
  {
    name: "Appendix 3 error example",
    product: "eim",
    operationId: "getBatchTaskResult",
    source: "seed 003 Appendix 3",
    text: `{
    "status":700,
    "success": false,
    "msg": "wrong user name or password",
    "obj": 2
}`,
    repairs: "`00700` (leading zeros are not JSON) written 700",
    outcome: "failure",
  },
  {
    name: "an Appendix 4 code",
    product: "eim",
    operationId: "getBatchTaskResult",
    source: "seed 003 Appendix 4 (123009 batch task not exist)",
    text: json({ status: 123009, success: false, msg: "batch task not exist" }),
    outcome: "failure",
  },
];

/** The CMP answers (no envelope). */
const cmp: DocAnswer[] = [
  {
    name: "token with its defaults",
    product: "cmp",
    operationId: "getAccessToken",
    source:
      "get-access-token.html: token, tokenType (default Bearer), expireIn (a string, default 3600)",
    text: json({
      token: "b509d6ef9465d9d66728d4ec1eb5ad4c",
      tokenType: "Bearer",
      expireIn: "3600",
    }),
    outcome: "success",
  },
  {
    name: "every field of the table",
    product: "cmp",
    operationId: "getDeviceSimsDetail",
    source: "get-device-sims-detail.html response table (the example is cut off after imei)",
    text: json({
      deviceList: [
        {
          eid: "89001000000000000000000000000000",
          imei: "123456789012345",
          sims: [
            {
              iccid: "89148000007829999354",
              imsi: "310410782999935",
              state: "Activated",
              profileStatus: "Enabled",
              mno: "AT&T",
              msisdn: "14155550123",
              rataPlan: "IoT Global 1GB",
              dataUsage: 52428800,
              activatedDate: "2023-12-12 00:02:33",
              lastSessionTime: "2023-12-12 00:02:33",
              lastIpAdress: "10.64.12.7",
              lastCountry: "Germany",
            },
          ],
        },
      ],
    }),
    outcome: "success",
  },
  {
    name: "the mandatory fields only",
    product: "cmp",
    operationId: "getDeviceSimsDetail",
    source: "get-device-sims-detail.html response table (M fields)",
    text: json({
      deviceList: [
        {
          eid: "89001000000000000000000000000000",
          sims: [
            {
              iccid: "89148000007829999354",
              state: "Deactivated",
              profileStatus: "Disabled",
              mno: "Telekom",
            },
          ],
        },
      ],
    }),
    outcome: "success",
  },
  {
    name: "change-status example",
    product: "cmp",
    operationId: "changeSimStatus",
    source: "change-sim-status.html, example of response",
    text: `{
    "requestId": "20231212000233233223",
    "status": "processing",
    "message": ""
}`,
    outcome: "success",
  },
  ...(["success", "failed"] as const).map(
    (status): DocAnswer => ({
      name: `status ${status}, message left out`,
      product: "cmp",
      operationId: "changeSimStatus",
      source: "change-sim-status.html table: status e.g. success, processing, failed; message O",
      text: json({ requestId: "20231212000233233224", status }),
      outcome: "success",
    }),
  ),
];

/** Every documented answer of the three products. */
export const docAnswers: readonly DocAnswer[] = [...rsp, ...eim, ...cmp];

/**
 * Answers the docs do not show that a newer platform may send: a value the docs leave open,
 * an unknown key. What each validation mode does with them is the table in the README.
 */
export const forwardAnswers = {
  /** A batch status other than PROCESSING and COMPLETE (the docs show only those two). */
  failedBatch: rspOk({
    batchTaskInfo: {
      batchCode: "B202303071234225",
      taskType: "GENERATE AC",
      status: "FAILED",
      total: 2,
      succeedNum: 0,
      failedNum: 2,
      createTime: "2027-03-07 11:09:14",
    },
    results: [],
  }),
  /** A CMP change state the docs do not give as an example. */
  queuedSimChange: json({ requestId: "20231212000233233225", status: "queued", message: null }),
  /** An eIM batch type and an item reason outside the docs' lists. */
  newBatchType: eimOk({
    ...docsBatchTask,
    batchType: "BATCH_SE_SWITCH_PROFILE",
    batchInfoDataList: [
      { eid: "35203000280200000000000000003672", success: false, reason: "License expired!" },
    ],
  }),
  /** A key the contract does not list. */
  unknownKey: rspOk({
    iccid: "89860468152080349618",
    activationCode: "1$rsp-eu.simlessly.com$ABC",
    colour: "blue",
  }),
  /** A value outside a closed set the docs list in full (eIM task status). */
  unknownClosedValue: eimOk({ ...docsBatchTask, status: "CANCELLED" }),
  /** A documented field of the wrong type. */
  wrongType: rspOk({ iccid: 42 }),
} as const;

/** The profile status webhook as each docs generation prints its example. */
export const profileStatusGenerations = {
  /** Oldest (root path `api-reference/…/notify-status-change.html`): `NotificationType`, `Failed`. */
  oldest: `{
  "eid": "89086030202200000022000014352016",
  "iccid": "89860468152080348700",
  "timestamp": "1679999518968",
  "matchingId": "794A8542D923A980382AA3862BDB7C3F",
  "configName": "test001",
  "NotificationType": "ENABLE",
  "notificationStatus": {
    "status": "Failed" ,
    "message": "Profile has not been released."
  }
}`,
  /** Middle (`rsp/api-reference/…`, older layout): `deviceName` mandatory, `Failed`. */
  middle: `{
  "eid": "89086030202200000022000014352016",
  "iccid": "89860468152080348700",
  "timestamp": "1679999518968",
  "matchingId": "794A8542D923A980382AA3862BDB7C3F",
  "configName": "test001",
  "deviceName": "device001",
  "notificationType": "ENABLE",
  "notificationStatus": {
    "status": "Failed" ,
    "message": "Profile has not been released."
  }
}`,
  /** Newest (its examples are cut off in the stored copies): the table's example values. */
  newest: json({
    eid: "89086030202200000022000014352016",
    iccid: "89860468152080349618",
    timestamp: "1679999518968",
    matchingId: "794A8542D923A980382AA3862BDB7C3F",
    configName: "Test001",
    type: "PROFILE_EVENT_NOTIFICATION",
    clientIp: "192.168.1.100",
    installedTimes: 2,
    deviceName: "Test001",
    notificationType: "DOWNLOADED",
    notificationStatus: { status: "SUCCESS", message: null },
  }),
} as const;
