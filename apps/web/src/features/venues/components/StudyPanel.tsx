import type { CourseDetail } from "@huzhu/contracts";
import { App, Button, Flex, InputNumber, Progress, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatChinaTime } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useRecordStudy } from "../api/record-study.ts";

/** The most one record may add (the contract's limit). */
const MAX_MINUTES = 600;

/** A member's progress on a course, and recording the minutes studied (or the rest, to complete it). */
export function StudyPanel(props: { course: Pick<CourseDetail, "id" | "minutes" | "myProgress"> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordStudy();
  const p = props.course.myProgress;
  const studied = p?.minutesStudied ?? 0;
  const remaining = Math.max(0, props.course.minutes - studied);
  const [minutes, setMinutes] = useState<number | null>(Math.min(remaining || 30, 30));
  const send = (n: number) =>
    record.mutate(
      { courseId: props.course.id, minutes: Math.min(MAX_MINUTES, Math.max(1, n)) },
      {
        onSuccess: (progress) =>
          void message.success(t(progress.completed ? "venues.study.completedNow" : "venues.study.recorded")),
        onError: (e) => showApiError(e, message),
      },
    );
  const percent = Math.min(100, Math.round((studied / props.course.minutes) * 100));
  return (
    <Flex vertical gap={8} data-testid="study-panel">
      <Progress percent={percent} aria-label={t("venues.study.progress")} />
      <Typography.Text data-testid="study-progress">
        {t("venues.study.studiedOf", { studied, total: props.course.minutes, hours: p?.hours ?? 0 })}
        {p?.completed ? ` · ${t("venues.study.completed")}` : ""}
      </Typography.Text>
      {p?.completedAt ? (
        <Typography.Text type="secondary">
          {t("venues.study.completedAt", { time: formatChinaTime(p.completedAt) })}
        </Typography.Text>
      ) : null}
      {p?.dueOn ? (
        <Typography.Text type="secondary">{t("venues.study.dueOn", { date: p.dueOn })}</Typography.Text>
      ) : null}
      {p?.completed ? null : (
        <Flex wrap gap={8} align="center">
          <label htmlFor="study-minutes">{t("venues.study.minutesLabel")}</label>
          <InputNumber
            id="study-minutes"
            min={1}
            max={MAX_MINUTES}
            precision={0}
            value={minutes}
            onChange={setMinutes}
            size="large"
            style={{ width: 110 }}
          />
          <Button
            size="large"
            loading={record.isPending}
            disabled={!minutes}
            onClick={() => minutes && send(minutes)}
            data-testid="study-record"
          >
            {t("venues.study.record")}
          </Button>
          {remaining > 0 ? (
            <Button
              type="primary"
              size="large"
              loading={record.isPending}
              onClick={() => send(remaining)}
              data-testid="study-complete"
            >
              {t("venues.study.finish", { count: remaining })}
            </Button>
          ) : null}
        </Flex>
      )}
    </Flex>
  );
}
