// Serves the built API reference (dist/reference) on 127.0.0.1 and prints its address.
// Port 4173 when it is free, otherwise one the system picks; PORT=N asks for N.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../dist/reference/", import.meta.url));
const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
};

export function startServer(port: number) {
  const server = createServer(async (request, response) => {
    // normalize() folds "..", so a request cannot leave the reference folder.
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    const body = await readFile(file).catch(() => undefined);
    if (body !== undefined) {
      response.writeHead(200, {
        "content-type": types[extname(file)] ?? "application/octet-stream",
      });
      response.end(body);
      return;
    }
    response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  return new Promise<string>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/`);
    });
  });
}

if (import.meta.main) {
  const wanted = process.env.PORT === undefined ? undefined : Number(process.env.PORT);
  const url = await startServer(wanted ?? 4173).catch((error: NodeJS.ErrnoException) => {
    if (wanted === undefined && error.code === "EADDRINUSE") return startServer(0);
    throw error;
  });
  console.log(`API reference at ${url} (rsp.html, eim.html, cmp.html); Ctrl+C stops it.`);
  process.once("SIGINT", () => process.exit(0));
}
