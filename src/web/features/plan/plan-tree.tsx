import { type FocusEvent, type KeyboardEvent, memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatList } from '../../format.ts';
import { useLocale } from '../../ui/locale.ts';
import { StatusTag } from '../../ui/status-tag.tsx';
import { childrenOf, type Goal, type Step, type PlanTree as Tree, type TreeNode, topNodes, visibleNodes } from './goal-tree.ts';

/** The element id of a node of the tree. */
export const treeNodeId = (id: string) => `plan-node-${id}`;

interface GoalLabelProps {
  domId: string;
  number: string;
  level: Goal['level'];
  title: string;
  /** The SMART criteria the goal does not meet yet, comma-separated; empty when it meets them all. */
  missing: string;
  stepCount: number;
  goalCount: number;
  invalid: boolean;
}

/** A goal's line in the tree; memoised, so typing in one goal redraws only its own line. */
const GoalLabel = memo(function GoalLabel({ domId, number, level, title, missing, stepCount, goalCount, invalid }: GoalLabelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const criteria = missing ? missing.split(',').map((c) => t(`smart.criterion.${c}`)) : [];
  return (
    <span className="tree__label">
      <span id={`${domId}-label`} className="tree__name">
        <span className={`tree__level tree__level--${level}`}>{t(`plan.tree.level.${level}`)}</span>{' '}
        <span className="tree__number">{number}</span> <span className="tree__title">{title || t('plan.tree.untitled')}</span>
      </span>
      <span id={`${domId}-meta`} className="tree__meta">
        {criteria.length === 0 ? (
          <StatusTag kind="met">{t('plan.tree.smartMet')}</StatusTag>
        ) : (
          <StatusTag kind="missing">{t('plan.tree.smartMissing', { criteria: formatList(criteria, locale) })}</StatusTag>
        )}{' '}
        <span>
          {goalCount > 0
            ? `${t('plan.tree.stepCount', { count: stepCount })}, ${t('plan.tree.goalCount', { count: goalCount })}`
            : t('plan.tree.stepCount', { count: stepCount })}
        </span>
        {invalid && <StatusTag kind="problem">{t('plan.hasProblem')}</StatusTag>}
      </span>
    </span>
  );
});

interface StepLabelProps {
  domId: string;
  position: number;
  title: string;
  responsibleKind: Step['responsibleKind'];
  dueDate: string | null;
  invalid: boolean;
}

const StepLabel = memo(function StepLabel({ domId, position, title, responsibleKind, dueDate, invalid }: StepLabelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span className="tree__label">
      <span id={`${domId}-label`} className="tree__name">
        <span className="tree__level tree__level--step">{t('plan.tree.step', { n: position })}</span>{' '}
        <span className="tree__title">{title || t('plan.tree.untitled')}</span>
      </span>
      <span id={`${domId}-meta`} className="tree__meta">
        {t(`plan.responsible.${responsibleKind}`)}
        {dueDate && `, ${t('plan.progress.due', { date: formatDate(dueDate, locale) })}`}
        {invalid && <StatusTag kind="problem">{t('plan.hasProblem')}</StatusTag>}
      </span>
    </span>
  );
});

interface PlanTreeProps {
  tree: Tree;
  label: string;
  open: ReadonlySet<string>;
  onOpenChange: (id: string, open: boolean) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** By goal: the SMART criteria it does not meet, comma-separated. */
  missing: ReadonlyMap<string, string>;
  /** Nodes with a field the last check found wrong. */
  invalid: ReadonlySet<string>;
}

/**
 * The goals and steps as a tree (the WAI-ARIA tree view): one tab stop, arrow keys to move, right and
 * left to open and close, Home and End, Enter or Space to open a node in the details pane.
 */
export function PlanTree({ tree, label, open, onOpenChange, selectedId, onSelect, missing, invalid }: PlanTreeProps) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const moveFocus = useRef(false);
  const visible = useMemo(() => visibleNodes(tree, open), [tree, open]);
  const visibleIds = useMemo(() => new Set(visible.map((n) => n.id)), [visible]);
  const tabbable =
    (focusedId && visibleIds.has(focusedId) && focusedId) || (selectedId && visibleIds.has(selectedId) && selectedId) || visible[0]?.id;

  useEffect(() => {
    if (!moveFocus.current || !focusedId) return;
    moveFocus.current = false;
    document.getElementById(treeNodeId(focusedId))?.focus();
  }, [focusedId]);

  const focus = (id: string | undefined) => {
    if (!id) return;
    moveFocus.current = true;
    setFocusedId(id);
    if (id === focusedId) document.getElementById(treeNodeId(id))?.focus();
  };
  const nodeOf = (target: EventTarget) => {
    const id = (target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.id;
    return id ? tree.byId.get(id) : undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const node = nodeOf(event.target);
    if (!node) return;
    const at = visible.indexOf(node);
    const hasChildren = childrenOf(node).length > 0;
    const isOpen = open.has(node.id);
    switch (event.key) {
      case 'ArrowDown':
        focus(visible[at + 1]?.id);
        break;
      case 'ArrowUp':
        focus(visible[at - 1]?.id);
        break;
      case 'Home':
        focus(visible[0]?.id);
        break;
      case 'End':
        focus(visible.at(-1)?.id);
        break;
      case 'ArrowRight':
        if (hasChildren && !isOpen) onOpenChange(node.id, true);
        else if (hasChildren) focus(childrenOf(node)[0]?.id);
        break;
      case 'ArrowLeft':
        if (hasChildren && isOpen) onOpenChange(node.id, false);
        else focus(node.parentId ?? undefined);
        break;
      case 'Enter':
      case ' ':
        onSelect(node.id);
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const node = nodeOf(event.target);
    if (node && node.id !== focusedId) setFocusedId(node.id);
  };
  const toggle = (node: TreeNode) => {
    const closing = open.has(node.id);
    onOpenChange(node.id, !closing);
    // Closing a goal must not leave focus on a node that is gone.
    if (closing) focus(node.id);
  };

  const render = (nodes: TreeNode[], level: number) =>
    nodes.map((node, i) => {
      const domId = treeNodeId(node.id);
      const children = childrenOf(node);
      const isOpen = children.length > 0 && open.has(node.id);
      const selected = node.id === selectedId;
      return (
        <div
          key={node.id}
          id={domId}
          role="treeitem"
          data-id={node.id}
          aria-level={level}
          aria-setsize={nodes.length}
          aria-posinset={i + 1}
          aria-expanded={children.length > 0 ? isOpen : undefined}
          aria-selected={selected}
          aria-labelledby={`${domId}-label`}
          aria-describedby={`${domId}-meta`}
          tabIndex={node.id === tabbable ? 0 : -1}
          className={`tree__item${selected ? ' tree__item--selected' : ''}`}
        >
          {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the tree item takes the keys; this is its row for the mouse */}
          <div className="tree__row" style={{ paddingInlineStart: `${(level - 1) * 1.25}rem` }} onClick={() => onSelect(node.id)}>
            {children.length > 0 ? (
              <span
                className={`tree__twisty${isOpen ? ' tree__twisty--open' : ''}`}
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  toggle(node);
                }}
              />
            ) : (
              <span className="tree__twisty tree__twisty--leaf" aria-hidden="true" />
            )}
            {node.kind === 'goal' ? (
              <GoalLabel
                domId={domId}
                number={node.number}
                level={node.goal.level}
                title={node.goal.description}
                missing={missing.get(node.id) ?? ''}
                stepCount={node.steps.length}
                goalCount={node.goals.length}
                invalid={invalid.has(node.id)}
              />
            ) : (
              <StepLabel
                domId={domId}
                position={node.position}
                title={node.step.what}
                responsibleKind={node.step.responsibleKind}
                dueDate={node.step.dueDate}
                invalid={invalid.has(node.id)}
              />
            )}
          </div>
          {isOpen && (
            // biome-ignore lint/a11y/useSemanticElements: the tree items under a goal (the tree view's group), not a form's fieldset
            <div role="group" className="tree__group">
              {render(children, level + 1)}
            </div>
          )}
        </div>
      );
    });

  return (
    <div role="tree" aria-label={label} className="tree" onKeyDown={onKeyDown} onFocus={onFocus}>
      {render(topNodes(tree), 1)}
    </div>
  );
}
