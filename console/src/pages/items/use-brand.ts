import { useSearchParams } from "react-router";
import { useSignedIn } from "../../session/session-context.js";

/**
 * The brand an items page works on: the session's own for a brand or partner; for an admin, who
 * sees every brand, the one picked in the page's `?brand=` (empty: all brands).
 */
export function useBrand(): { readonly brandId: string; readonly canPick: boolean; pick(brandId: string): void } {
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const canPick = session.role === "admin";
  return {
    brandId: canPick ? (params.get("brand") ?? "") : session.brandId,
    canPick,
    pick: (brandId) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (brandId) next.set("brand", brandId);
        else next.delete("brand");
        return next;
      }),
  };
}
