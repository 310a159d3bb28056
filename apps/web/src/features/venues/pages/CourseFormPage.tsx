import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { Forbidden, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { venuesQueries } from "../api/queries.ts";
import { CourseForm } from "../components/CourseForm.tsx";

/** An organization shares a course or an experience write-up (new) or changes one (edit). */
export default function CourseFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const editing = Number.isInteger(id) && id > 0;
  const course = useQuery({ ...venuesQueries.course(id), enabled: editing });
  if (editing && course.isPending) return <PageLoading />;
  if (editing && course.isError) return <PageError error={course.error} onRetry={() => void course.refetch()} />;
  if (editing && !course.data?.abilities.update) return <Forbidden />;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {editing ? t("venues.form.editTitle", { name: course.data?.title ?? "" }) : t("venues.courses.new")}
      </Typography.Title>
      <Card size="small">
        <CourseForm
          course={editing ? course.data : undefined}
          onSaved={(saved) => navigate(`/courses/${saved.id}`)}
          onCancel={() => navigate(-1)}
        />
      </Card>
    </Flex>
  );
}
