// Whether a typed call must go through openapi-fetch: only while some middleware is
// registered on `raw`, which openapi-fetch keeps to itself.
import type { Client, Middleware } from "openapi-fetch";

/**
 * Follows what `raw.use` and `raw.eject` register, the same way openapi-fetch does, so a typed
 * call can tell whether any middleware must see it (openapi-fetch does not say).
 */
export function mirrorMiddleware<Paths extends {}>(
  raw: Client<Paths, "application/json">,
): readonly Middleware[] {
  const registered: Middleware[] = [];
  const use = raw.use.bind(raw);
  const eject = raw.eject.bind(raw);
  raw.use = (...middleware) => {
    for (const item of middleware) {
      use(item); // throws, as it would have, on an item that is not middleware
      if (item) registered.push(item);
    }
  };
  raw.eject = (...middleware) => {
    for (const item of middleware) {
      eject(item);
      const index = registered.indexOf(item);
      if (index !== -1) registered.splice(index, 1);
    }
  };
  return registered;
}
