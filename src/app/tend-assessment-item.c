// A saved risk assessment as a list item, for the history of a renewal.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-assessment-item.h"

struct _TendAssessmentItem
{
  GObject         parent_instance;

  TendAssessment *assessment;
};

G_DEFINE_FINAL_TYPE (TendAssessmentItem, tend_assessment_item, G_TYPE_OBJECT)

static void
tend_assessment_item_finalize (GObject *object)
{
  TendAssessmentItem *self = TEND_ASSESSMENT_ITEM (object);

  g_clear_pointer (&self->assessment, tend_assessment_free);

  G_OBJECT_CLASS (tend_assessment_item_parent_class)->finalize (object);
}

static void
tend_assessment_item_class_init (TendAssessmentItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_assessment_item_finalize;
}

static void
tend_assessment_item_init (TendAssessmentItem *self)
{
}

TendAssessmentItem *
tend_assessment_item_new (const TendAssessment *assessment)
{
  TendAssessmentItem *self;

  g_return_val_if_fail (assessment != NULL, NULL);

  self = g_object_new (TEND_TYPE_ASSESSMENT_ITEM, NULL);
  self->assessment = tend_assessment_copy (assessment);
  return self;
}

const TendAssessment *
tend_assessment_item_get_assessment (TendAssessmentItem *self)
{
  g_return_val_if_fail (TEND_IS_ASSESSMENT_ITEM (self), NULL);
  return self->assessment;
}
