import {
  booking,
  bookingListQuery,
  checkInBody,
  createBookingBody,
  createBookingResponse,
  createVenueBody,
  decideBookingBody,
  errorResponses,
  idParam,
  listOf,
  updateVenueBody,
  venue,
  venueListQuery,
  venueUsage,
  venueUsageQuery,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http.ts";
import { bookingPolicy, venuePolicy } from "./venues.policy.ts";
import { type VenuesService, venueUsageAction } from "./venues.service.ts";

/** Validate → service → reply. Access and audit come from the policies and the commands. */
export function venuesRoutes(
  app: FastifyInstance,
  venues: VenuesService,
  options: {
    coursesCompleted: Parameters<VenuesService["usage"]>[2];
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const c = venues.commands;
  const tags = ["venues"];

  r.get(
    "/api/venues",
    {
      config: { ability: venuePolicy.read },
      schema: {
        tags,
        summary:
          "Venues and facilities the caller sees (own, partners', the region's); bookable=true: those they may book",
        querystring: venueListQuery,
        response: { 200: listOf(venue), ...errorResponses },
      },
    },
    async (request) => venues.listVenues(requireActor(request), request.query),
  );
  r.post(
    "/api/venues",
    {
      config: { command: c.createVenue },
      schema: {
        tags,
        summary: "Register a venue or facility of an organization, with its opening rules",
        body: createVenueBody,
        response: { 201: venue, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await venues.createVenue(requireActor(request), request.body)),
  );
  r.get(
    "/api/venues/usage",
    {
      config: { ability: venueUsageAction },
      schema: {
        tags,
        summary: "Usage figures: bookings and hours by urban/rural direction, courses completed, per organization",
        querystring: venueUsageQuery,
        response: { 200: venueUsage, ...errorResponses },
      },
    },
    async (request) => venues.usage(requireActor(request), request.query, options.coursesCompleted),
  );
  r.get(
    "/api/venues/:id",
    {
      config: { ability: venuePolicy.read },
      schema: {
        tags,
        summary: "One venue, with the caller's abilities (book, update, manage its bookings)",
        params: idParam,
        response: { 200: venue, ...errorResponses },
      },
    },
    async (request) => venues.getVenue(requireActor(request), request.params.id),
  );
  r.patch(
    "/api/venues/:id",
    {
      config: { command: c.updateVenue },
      schema: {
        tags,
        summary: "Edit a venue: details, opening, hours, blackout dates, approval, open or closed",
        params: idParam,
        body: updateVenueBody,
        response: { 200: venue, ...errorResponses },
      },
    },
    async (request) => venues.updateVenue(requireActor(request), request.params.id, request.body),
  );

  r.get(
    "/api/bookings",
    {
      config: { ability: bookingPolicy.read },
      schema: {
        tags,
        summary:
          "Bookings of venues the caller's organizations own or booked (filters: venue, organization, time range)",
        querystring: bookingListQuery,
        response: { 200: listOf(booking), ...errorResponses },
      },
    },
    async (request) => venues.listBookings(requireActor(request), request.query),
  );
  r.post(
    "/api/bookings",
    {
      config: { command: c.createBooking },
      schema: {
        tags,
        summary: "Book a venue for an organization: confirmed at once, or requested when it needs approval",
        body: createBookingBody,
        response: { 201: createBookingResponse, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await venues.createBooking(requireActor(request), request.body)),
  );
  r.get(
    "/api/bookings/:id",
    {
      config: { ability: bookingPolicy.read },
      schema: { tags, summary: "One booking", params: idParam, response: { 200: booking, ...errorResponses } },
    },
    async (request) => venues.getBooking(requireActor(request), request.params.id),
  );
  r.post(
    "/api/bookings/:id/approve",
    {
      config: { command: c.approve },
      schema: {
        tags,
        summary: "Approve a requested booking (the venue's owner); refused if the slot is taken",
        params: idParam,
        response: { 200: booking, ...errorResponses },
      },
    },
    async (request) => venues.approve(requireActor(request), request.params.id),
  );
  r.post(
    "/api/bookings/:id/decline",
    {
      config: { command: c.decline },
      schema: {
        tags,
        summary: "Decline a requested booking (the venue's owner)",
        params: idParam,
        body: decideBookingBody.optional(),
        response: { 200: booking, ...errorResponses },
      },
    },
    async (request) => venues.decline(requireActor(request), request.params.id, request.body ?? {}),
  );
  r.post(
    "/api/bookings/:id/cancel",
    {
      config: { command: c.cancel },
      schema: {
        tags,
        summary: "Cancel a booking (either side) before it ends",
        params: idParam,
        body: decideBookingBody.optional(),
        response: { 200: booking, ...errorResponses },
      },
    },
    async (request) => venues.cancel(requireActor(request), request.params.id, request.body ?? {}),
  );
  r.post(
    "/api/bookings/:id/check-in",
    {
      config: { command: c.checkIn },
      schema: {
        tags,
        summary: "Check in with the QR link's token: the booking organization's people, from an hour before the start",
        params: idParam,
        body: checkInBody,
        response: { 200: booking, ...errorResponses },
      },
    },
    async (request) => venues.checkIn(requireActor(request), request.params.id, request.body),
  );
  r.get(
    "/api/bookings/:id/qr.svg",
    {
      config: { ability: bookingPolicy.qr },
      schema: {
        tags,
        summary: "The booking's check-in QR code (SVG), for the venue's owner and the booking organization",
        params: idParam,
        response: { 200: z.string().describe("image/svg+xml"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const svg = await venues.qrSvg(requireActor(request), request.params.id, `${request.protocol}://${request.host}`);
      return reply.type("image/svg+xml").header("cache-control", "private, no-store").send(svg);
    },
  );
}
