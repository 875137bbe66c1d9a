// Prism 5.16 never answers a request whose JSON body it cannot parse (malformed JSON, a body of
// blanks or with a byte-order mark, one its charset cannot decode): when the parse fails, its
// handler waits for the request's `end` event, which has already fired, so the connection hangs
// until the client gives up. The fix skips that wait once the request is read to the end (or
// dropped); Prism then answers as its body parser says: 400
// `{"error":{"code":"invalid_json","message":"Invalid JSON"}}`.
// It rewrites Prism's code as Node loads it, in Prism's own process, so that it travels with this
// package: a patch applied by a package manager would stay behind in the repository that made it.
import Module from "node:module";

const serverFile = /[\\/]@stoplight[\\/]prism-http-server[\\/]dist[\\/]server\.js$/;

// The wait, right at the start of the handler that catches a failed parse. An already fixed
// (or rewritten) handler does not match, and is left alone.
const waitAfterFailedParse =
  /(parseRequestBody\(request\)\.catch\(async \(e\) => \{\s*)await new Promise\(/;

/** Prism's server source with the wait skipped for a request already read to the end. */
export function fixPrismServerSource(source: string): string {
  return source.replace(
    waitAfterFailedParse,
    "$1if (!request.readableEnded && !request.destroyed) await new Promise(",
  );
}

type Compile = (this: unknown, content: string, filename: string, ...rest: unknown[]) => unknown;

/** Makes every later load of Prism's server module in this process take the fix. */
export function installPrismServerFix(): void {
  // `_compile` is the CommonJS loader's step from source text to module, stable since Node 0.x
  // and the one source transformers hook; Prism is CommonJS throughout.
  const prototype = Module.prototype as unknown as { _compile: Compile };
  const compile = prototype._compile;
  prototype._compile = function (content, filename, ...rest) {
    const source = serverFile.test(filename) ? fixPrismServerSource(content) : content;
    return compile.call(this, source, filename, ...rest);
  };
}
