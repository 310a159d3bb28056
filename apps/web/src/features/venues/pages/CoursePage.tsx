import { EditOutlined, TeamOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { venuesQueries } from "../api/queries.ts";
import { AssignCourseDialog } from "../components/AssignCourseDialog.tsx";
import { CourseKindTag } from "../components/CourseKindTag.tsx";
import { StudyPanel } from "../components/StudyPanel.tsx";

const playable = /\.(mp4|webm|ogv|m4v)(\?|$)/i;

/**
 * A course: its video, document or link, and the member's progress. Light on purpose (a village's
 * remote-education site on a slow link): no player library, the video loads only when played.
 * `/study/courses/:id` is the same page for a member, read through their study route.
 */
export default function CoursePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const asMember = useLocation().pathname.startsWith("/study/");
  const valid = Number.isInteger(id) && id > 0;
  const [assigning, setAssigning] = useState(false);
  const course = useQuery({
    ...venuesQueries.course(id, asMember ? "member" : "reader"),
    enabled: valid,
  });
  if (!valid) return <NotFound />;
  if (course.isPending) return <PageLoading />;
  if (course.isError) return <PageError error={course.error} onRetry={() => void course.refetch()} />;
  const c = course.data;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 880 }} data-testid="course-page">
      <Link to={asMember ? "/study" : "/courses"}>{t(asMember ? "venues.study.back" : "venues.courses.back")}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {c.title}
      </Typography.Title>
      <Flex wrap gap={8} align="center">
        <CourseKindTag kind={c.kind} />
        <Typography.Text>{t("venues.courses.minutes", { count: c.minutes })}</Typography.Text>
        <Typography.Text type="secondary">{c.owner.name}</Typography.Text>
      </Flex>
      {!asMember && (c.abilities.update || c.abilities.assign) ? (
        <Flex wrap gap={8}>
          {c.abilities.update ? (
            <Link to={`/courses/${c.id}/edit`}>
              <Button icon={<EditOutlined />} data-testid="course-edit">
                {t("venues.courses.edit")}
              </Button>
            </Link>
          ) : null}
          {c.abilities.assign ? (
            <Button
              type="primary"
              icon={<TeamOutlined />}
              onClick={() => setAssigning(true)}
              data-testid="course-assign"
            >
              {t("venues.assign.title")}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {c.summary ? <Typography.Paragraph style={{ margin: 0 }}>{c.summary}</Typography.Paragraph> : null}
      <Card size="small" title={t("venues.courses.content")}>
        <Flex vertical gap={8}>
          {c.kind === "video" && c.url && playable.test(c.url) ? (
            // biome-ignore lint/a11y/useMediaCaption: course videos come from the remote-education network without caption tracks
            <video controls preload="none" src={c.url} style={{ width: "100%", maxHeight: 480, background: "#000" }} />
          ) : null}
          {c.url ? (
            <a href={c.url} target="_blank" rel="noopener noreferrer" data-testid="course-url">
              {t(c.kind === "video" ? "venues.courses.openVideo" : "venues.courses.openLink")}
            </a>
          ) : null}
          {c.body ? (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }} data-testid="course-body">
              {c.body}
            </Typography.Paragraph>
          ) : null}
          {c.attachmentIds.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {c.attachmentIds.map((a, i) => (
                <li key={a}>
                  <a href={`/api/attachments/${a}`} target="_blank" rel="noopener noreferrer">
                    {t("venues.courses.attachment", { n: i + 1 })}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {!c.url && !c.body && c.attachmentIds.length === 0 ? (
            <Typography.Text type="secondary">{t("venues.courses.noContent")}</Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {c.myProgress || c.abilities.study ? (
        <Card size="small" title={t("venues.study.mine")}>
          <StudyPanel course={c} />
        </Card>
      ) : null}
      {c.abilities.assign || c.assignedOrgs.length > 0 ? (
        <Card size="small" title={t("venues.courses.assignments")}>
          <Flex vertical gap={4}>
            <Typography.Text>
              {c.assignedOrgs.length
                ? t("venues.courses.assignedTo", {
                    orgs: c.assignedOrgs.map((o) => o.name).join(t("common.listSeparator")),
                  })
                : t("venues.courses.notAssigned")}
            </Typography.Text>
            <Typography.Text>
              {t("venues.courses.completions", { members: c.assignedMembers, completed: c.completions })}
            </Typography.Text>
          </Flex>
        </Card>
      ) : null}
      {c.abilities.assign && !asMember ? (
        <AssignCourseDialog courseId={c.id} open={assigning} onClose={() => setAssigning(false)} />
      ) : null}
    </Flex>
  );
}
