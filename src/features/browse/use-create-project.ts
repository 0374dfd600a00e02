import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AppError, toAppError } from '../../domain/errors';
import { validateProjectName } from '../../domain/validation';
import { artifactQueries, projectQueries } from '../../store/queries';
import { useStore } from '../../store/store-context';
import { hrefs } from '../../ui/hrefs';
import { navigate } from '../../ui/navigation';

/** Why `name` cannot name a new project (the rule the store's ensureProject applies), or null. */
export function projectNameProblem(name: string): string | null {
  try {
    validateProjectName(name.trim());
    return null;
  } catch (error) {
    return toAppError(error).message;
  }
}

/**
 * Creates a project with the store's ensureProject and opens it. A name already taken is
 * refused (ensureProject would quietly return the existing project).
 */
export function useCreateProject() {
  const store = useStore();
  const queryClient = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: async (name: string) => {
      const valid = validateProjectName(name.trim());
      const existing = await store.listProjects();
      if (existing.some((p) => p.name === valid)) {
        throw new AppError('conflict', `a project named "${valid}" already exists: pick it from the list, or choose another name`);
      }
      return store.ensureProject(valid);
    },
    onSuccess: async (project) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: projectQueries.all(store) }),
        queryClient.invalidateQueries({ queryKey: artifactQueries.all(store) }),
      ]);
      navigate(hrefs.project(project.name));
    },
  });
}
