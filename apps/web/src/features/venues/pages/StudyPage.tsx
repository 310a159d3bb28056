import { useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, Flex, Progress, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { formatChinaTime } from "../../../lib/china-time.ts";
import { venuesQueries } from "../api/queries.ts";
import { CourseKindTag } from "../components/CourseKindTag.tsx";

/** 我的学习: a member's assigned courses with their progress, total hours and completions (no rankings). */
export default function StudyPage() {
  const { t } = useTranslation();
  const study = useQuery(venuesQueries.study());
  if (study.isPending) return <PageLoading />;
  if (study.isError) return <PageError error={study.error} onRetry={() => void study.refetch()} />;
  const s = study.data;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 880 }} data-testid="study-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("venues.study.title")}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={12}>
          <Card size="small">
            <Statistic
              title={t("venues.study.totalHours")}
              value={s.totalHours}
              precision={1}
              data-testid="study-hours"
            />
          </Card>
        </Col>
        <Col xs={12}>
          <Card size="small">
            <Statistic
              title={t("venues.study.completedCount")}
              value={s.completed}
              suffix={`/ ${s.items.length}`}
              data-testid="study-completed"
            />
          </Card>
        </Col>
      </Row>
      {s.items.length === 0 ? (
        <Empty description={t("venues.study.empty")} />
      ) : (
        <Flex vertical gap={8}>
          {s.items.map(({ course: c, progress: p }) => (
            <Card size="small" key={c.id} data-testid="study-item">
              <Flex vertical gap={4}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  <Link to={`/study/courses/${c.id}`}>{c.title}</Link>
                </Typography.Text>
                <Flex wrap gap={8} align="center">
                  <CourseKindTag kind={c.kind} />
                  <Typography.Text>
                    {t("venues.study.studiedOf", { studied: p.minutesStudied, total: c.minutes, hours: p.hours })}
                  </Typography.Text>
                </Flex>
                <Progress
                  percent={Math.min(100, Math.round((p.minutesStudied / c.minutes) * 100))}
                  aria-label={t("venues.study.progressOf", { title: c.title })}
                  size="small"
                />
                <Typography.Text type={p.completed ? undefined : "secondary"}>
                  {p.completed && p.completedAt
                    ? t("venues.study.completedAt", { time: formatChinaTime(p.completedAt) })
                    : p.dueOn
                      ? t("venues.study.dueOn", { date: p.dueOn })
                      : t("venues.study.inProgress")}
                </Typography.Text>
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
