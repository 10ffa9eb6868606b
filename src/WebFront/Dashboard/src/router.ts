import { useEffect, useState } from "preact/hooks";

/** The dashboard's pages, each a path the web front also serves (so a reload lands on the same page). */
export const pages = ["overview", "torrents", "tracker", "settings", "security"] as const;
export type Page = (typeof pages)[number];

function pageOf(path: string): Page {
  const name = path.replace(/^\/+/, "").split("/")[0];
  return (pages as readonly string[]).includes(name) ? (name as Page) : "overview";
}

export function navigate(page: Page): void {
  history.pushState(null, "", page === "overview" ? "/" : `/${page}`);
  dispatchEvent(new PopStateEvent("popstate"));
}

export function usePage(): Page {
  const [page, setPage] = useState<Page>(pageOf(location.pathname));
  useEffect(() => {
    const update = () => setPage(pageOf(location.pathname));
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return page;
}
