import { errorResponses, homePage } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import type { HomeCards } from "./home.cards.ts";
import { homeView } from "./home.policy.ts";

/** The home page (工作台): the cards that apply to the caller. */
export function homeRoutes(app: FastifyInstance, cards: HomeCards) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/home",
    {
      // Any signed-in user's; an authenticated GET declares no audit action (see home.policy.ts).
      config: { ability: homeView },
      schema: {
        tags: ["home"],
        summary: "工作台: the home page's cards for the signed-in user",
        description:
          "Cards by id: `jurisdiction` (key numbers of the caller's jurisdiction), `todos` (unread notifications, " +
          "running jobs), `myRecord` (a member's own masked record). Clients ignore ids they do not know.",
        response: { 200: homePage, ...errorResponses },
      },
    },
    async (request) => ({ cards: await cards.load(requireActor(request), { locale: request.locale }) }),
  );
}
