import type { HomeCard, Locale } from "@huzhu/contracts";
import type { Actor } from "../../platform/access.ts";

/**
 * The home page (工作台) is made of cards that modules contribute. A module describes its card
 * once: to whom it applies (a cheap check on the actor, no I/O) and how it loads, with the
 * caller's scope applied in its own SQL. `load` may answer null when there is nothing to show.
 * The card's schema is added to `homeCard` in packages/contracts/src/home.ts.
 */
export interface HomeCardSource<C extends HomeCard = HomeCard> {
  id: C["id"];
  applies(actor: Actor): boolean;
  load(actor: Actor, context: { locale: Locale }): Promise<C | null>;
}

export function homeCards() {
  const sources: HomeCardSource[] = [];
  return {
    /** Cards appear in the order they were registered. */
    register<C extends HomeCard>(source: HomeCardSource<C>): void {
      if (sources.some((s) => s.id === source.id)) throw new Error(`home card ${source.id} registered twice`);
      sources.push(source);
    },

    /** The cards that apply to the caller, loaded side by side. */
    async load(actor: Actor, context: { locale: Locale }): Promise<HomeCard[]> {
      const cards = await Promise.all(sources.filter((s) => s.applies(actor)).map((s) => s.load(actor, context)));
      return cards.filter((card): card is HomeCard => card !== null);
    },
  };
}
export type HomeCards = ReturnType<typeof homeCards>;
