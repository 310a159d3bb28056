import { lazy, type ReactNode, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { NotFound, PageLoading } from "../components/PageStates.tsx";
import type { NavKey } from "../lib/auth/abilities.ts";
import { RequireNav } from "./RequireNav.tsx";
import { Root } from "./Root.tsx";

// Every page is its own chunk: a village secretary on a weak link downloads only what they open.
const AppLayout = lazy(() => import("./layout/AppLayout.tsx"));
const HomePage = lazy(() => import("./HomePage.tsx"));
const LoginPage = lazy(() => import("../features/auth/pages/LoginPage.tsx"));
const OrgsPage = lazy(() => import("../features/orgs/pages/OrgsPage.tsx"));
const MembersPage = lazy(() => import("../features/members/pages/MembersPage.tsx"));
const MyRecordPage = lazy(() => import("../features/members/pages/MyRecordPage.tsx"));
const ImportsPage = lazy(() => import("../features/imports/pages/ImportsPage.tsx"));
const AccountsPage = lazy(() => import("../features/users/pages/AccountsPage.tsx"));
const RolesPage = lazy(() => import("../features/users/pages/RolesPage.tsx"));
const AuditPage = lazy(() => import("../features/audit/pages/AuditPage.tsx"));
const SecurityAlertsPage = lazy(() => import("../features/alerts/pages/SecurityAlertsPage.tsx"));
const AccountSecurityPage = lazy(() => import("../features/account/pages/AccountSecurityPage.tsx"));
const JobsPage = lazy(() => import("../features/jobs/pages/JobsPage.tsx"));
const NeedHallPage = lazy(() => import("../features/help/pages/NeedHallPage.tsx"));
const NeedPage = lazy(() => import("../features/help/pages/NeedPage.tsx"));
const NeedFormPage = lazy(() => import("../features/help/pages/NeedFormPage.tsx"));
const MyNeedsPage = lazy(() => import("../features/help/pages/MyNeedsPage.tsx"));
const ProjectsPage = lazy(() => import("../features/help/pages/ProjectsPage.tsx"));
const ProjectPage = lazy(() => import("../features/help/pages/ProjectPage.tsx"));
const ResourcesPage = lazy(() => import("../features/help/pages/ResourcesPage.tsx"));
const ResourcePage = lazy(() => import("../features/help/pages/ResourcePage.tsx"));
const VenuesPage = lazy(() => import("../features/venues/pages/VenuesPage.tsx"));
const VenuePage = lazy(() => import("../features/venues/pages/VenuePage.tsx"));
const VenueFormPage = lazy(() => import("../features/venues/pages/VenueFormPage.tsx"));
const BookingsPage = lazy(() => import("../features/venues/pages/BookingsPage.tsx"));
const BookingPage = lazy(() => import("../features/venues/pages/BookingPage.tsx"));
const CheckInPage = lazy(() => import("../features/venues/pages/CheckInPage.tsx"));
const CoursesPage = lazy(() => import("../features/venues/pages/CoursesPage.tsx"));
const CourseFormPage = lazy(() => import("../features/venues/pages/CourseFormPage.tsx"));
const CoursePage = lazy(() => import("../features/venues/pages/CoursePage.tsx"));
const StudyPage = lazy(() => import("../features/venues/pages/StudyPage.tsx"));
const UsagePage = lazy(() => import("../features/venues/pages/UsagePage.tsx"));
const TransfersPage = lazy(() => import("../features/motion/pages/TransfersPage.tsx"));
const TransferPage = lazy(() => import("../features/motion/pages/TransferPage.tsx"));
const MobileMembersPage = lazy(() => import("../features/motion/pages/MobileMembersPage.tsx"));
const MobileMemberPage = lazy(() => import("../features/motion/pages/MobileMemberPage.tsx"));
const RegistrationsPage = lazy(() => import("../features/motion/pages/RegistrationsPage.tsx"));
const HardshipCasesPage = lazy(() => import("../features/care/pages/HardshipCasesPage.tsx"));
const HardshipCasePage = lazy(() => import("../features/care/pages/HardshipCasePage.tsx"));
const VolunteersPage = lazy(() => import("../features/care/pages/VolunteersPage.tsx"));
const SecondmentsPage = lazy(() => import("../features/care/pages/SecondmentsPage.tsx"));
const RoundsPage = lazy(() => import("../features/pairing/pages/RoundsPage.tsx"));
const RoundNewPage = lazy(() => import("../features/pairing/pages/RoundNewPage.tsx"));
const RoundPage = lazy(() => import("../features/pairing/pages/RoundPage.tsx"));
const PairingsPage = lazy(() => import("../features/pairing/pages/PairingsPage.tsx"));
const PairingPage = lazy(() => import("../features/pairing/pages/PairingPage.tsx"));

function page(nav: NavKey, element: ReactNode) {
  return <RequireNav nav={nav}>{element}</RequireNav>;
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      {
        path: "/login",
        element: (
          <Suspense fallback={<PageLoading />}>
            <LoginPage />
          </Suspense>
        ),
      },
      {
        path: "/",
        element: (
          <Suspense fallback={<PageLoading />}>
            <AppLayout />
          </Suspense>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: "orgs", element: page("orgs", <OrgsPage />) },
          { path: "members", element: page("members", <MembersPage />) },
          { path: "imports", element: page("imports", <ImportsPage />) },
          { path: "accounts", element: page("accounts", <AccountsPage />) },
          { path: "roles", element: page("roles", <RolesPage />) },
          { path: "security/alerts", element: page("alerts", <SecurityAlertsPage />) },
          { path: "audit", element: page("audit", <AuditPage />) },
          { path: "me", element: page("me", <MyRecordPage />) },
          // Mutual help (issue 8).
          { path: "needs/hall", element: page("hall", <NeedHallPage />) },
          { path: "needs/new", element: page("needs", <NeedFormPage />) },
          { path: "needs/:id/edit", element: page("needs", <NeedFormPage />) },
          { path: "needs/:id", element: page("needs", <NeedPage />) },
          { path: "needs", element: page("needs", <MyNeedsPage />) },
          { path: "projects/:id", element: page("projects", <ProjectPage />) },
          { path: "projects", element: page("projects", <ProjectsPage />) },
          { path: "resources/:id", element: page("resources", <ResourcePage />) },
          { path: "resources", element: page("resources", <ResourcesPage />) },
          // Members in motion (issue 11): transfers and mobile members. A member opens their own from My record.
          { path: "transfers/:id", element: <TransferPage /> },
          { path: "transfers", element: <TransfersPage /> },
          { path: "mobile-members/:id", element: <MobileMemberPage /> },
          { path: "mobile-members", element: <MobileMembersPage /> },
          { path: "registrations", element: <RegistrationsPage /> },
          // Care (issue 11): members in difficulty, volunteer teams and service requests.
          { path: "hardship-cases/:id", element: page("hardship", <HardshipCasePage />) },
          { path: "hardship-cases", element: page("hardship", <HardshipCasesPage />) },
          { path: "volunteers", element: page("volunteers", <VolunteersPage />) },
          { path: "secondments", element: page("secondments", <SecondmentsPage />) },
          // Shared venues, bookings and remote education (issue 10).
          { path: "venues/new", element: page("venues", <VenueFormPage />) },
          { path: "venues/:id/edit", element: page("venues", <VenueFormPage />) },
          { path: "venues/:id", element: page("venues", <VenuePage />) },
          { path: "venues", element: page("venues", <VenuesPage />) },
          { path: "bookings/:id", element: page("bookings", <BookingPage />) },
          { path: "bookings", element: page("bookings", <BookingsPage />) },
          { path: "courses/new", element: page("courses", <CourseFormPage />) },
          { path: "courses/:id/edit", element: page("courses", <CourseFormPage />) },
          { path: "courses/:id", element: page("courses", <CoursePage />) },
          { path: "courses", element: page("courses", <CoursesPage />) },
          { path: "usage", element: page("usage", <UsagePage />) },
          { path: "study/courses/:id", element: page("study", <CoursePage />) },
          { path: "study", element: page("study", <StudyPage />) },
          // Pairing rounds and pairings (issue 9).
          { path: "pairing-rounds/new", element: page("rounds", <RoundNewPage />) },
          { path: "pairing-rounds/:id", element: page("rounds", <RoundPage />) },
          { path: "pairing-rounds", element: page("rounds", <RoundsPage />) },
          { path: "pairings/:id", element: page("pairings", <PairingPage />) },
          { path: "pairings", element: page("pairings", <PairingsPage />) },
          // The booking's QR code opens this (checkInPath): any signed-in user; the server decides.
          { path: "check-in/:bookingId", element: <CheckInPage /> },
          // Every signed-in user's own password and two-factor sign-in: no menu entry, no permission.
          { path: "account/security", element: <AccountSecurityPage /> },
          { path: "jobs", element: <JobsPage /> },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);
