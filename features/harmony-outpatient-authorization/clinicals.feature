@guide:harmony-outpatient-authorization
Feature: Step 8 – Clinicals, attached or typed
  "You can attach clinicals or you can provide any relevant clinical
  information supporting the request by typing the information into the
  text box."

  Where the guide is silent we chose: a request must carry clinicals in one
  form or the other (attachments, typed information, or both). Up to 10
  files of at most 10 MB each may be attached, each a PDF, a JPEG, PNG or
  TIFF image, or a plain-text file; a file whose content is not what its
  type says (a renamed image, for instance) is refused, and so is an empty
  one. Typed information may run to 4,000 characters.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has filled in an authorization request for Maria up to the clinicals

  Rule: Clinicals can be attached
    "You can attach clinicals"

    @step:request-8
    Scenario: Grace attaches the evaluation and the X-ray
      When Grace attaches these clinicals:
        | file                       | type      | size   |
        | pt-evaluation-maria.pdf    | PDF       | 240 KB |
        | lumbar-xray-2026-11-02.png | PNG image | 3 MB   |
      Then she may go on to the phone and fax numbers
      And Grace's request reads:
        | Attachments          | pt-evaluation-maria.pdf (240 KB), lumbar-xray-2026-11-02.png (3 MB) |
        | Clinical information | none                                                                |

    @step:request-8
    Scenario Outline: A <type> is accepted
      When Grace attaches these clinicals:
        | file   | type   | size   |
        | <file> | <type> | 120 KB |
      Then she may go on to the phone and fax numbers
      And Grace's request reads:
        | Attachments | <file> (120 KB) |

      Examples:
        | type       | file                |
        | PDF        | referral-letter.pdf |
        | JPEG image | gait-photo.jpg      |
        | PNG image  | rom-chart.png       |
        | TIFF image | faxed-notes.tif     |
        | text file  | therapy-plan.txt    |

    @step:request-8
    Scenario: A Word document is refused
      When Grace attaches these clinicals:
        | file                | type          | size  |
        | progress-notes.docx | Word document | 80 KB |
      Then she is told "Attachment 1 must be a PDF, JPEG, PNG, TIFF or plain-text file."
      And she is told nothing else

    @step:request-8
    Scenario: A file whose content is not what its type says is refused
      When Grace attaches these clinicals:
        | file           | type | size   | contains  |
        | mri-report.pdf | PDF  | 900 KB | PNG image |
      Then she is told "Attachment 1 is not the kind of file its name says."
      And she is told nothing else

    @step:request-8
    Scenario: An empty file is refused
      When Grace attaches these clinicals:
        | file          | type | size    |
        | discharge.pdf | PDF  | 0 bytes |
      Then she is told "Attachment 1 must be a file that is not empty."
      And she is told nothing else

    @step:request-8
    Scenario: A file of exactly 10 MB is accepted
      When Grace attaches these clinicals:
        | file          | type | size  |
        | mri-study.pdf | PDF  | 10 MB |
      Then she may go on to the phone and fax numbers
      And Grace's request reads:
        | Attachments | mri-study.pdf (10 MB) |

    @step:request-8
    Scenario: A file just over 10 MB is refused
      When Grace attaches these clinicals:
        | file          | type | size     |
        | mri-study.pdf | PDF  | 10241 KB |
      Then she is told "Attachment 1 is larger than 10 MB."
      And she is told nothing else

    @step:request-8
    Scenario: Ten files can be attached, not eleven
      When Grace attaches 11 clinical notes
      Then she is told "Please enter at most 10 attachments."
      When Grace attaches 10 clinical notes
      Then she may go on to the phone and fax numbers

    @step:request-8
    Scenario: Only the files in error are singled out
      When Grace attaches these clinicals:
        | file                | type          | size    |
        | pt-evaluation.pdf   | PDF           | 240 KB  |
        | progress-notes.docx | Word document | 80 KB   |
        | blank.pdf           | PDF           | 0 bytes |
      Then she sees these messages together:
        | Attachment 2 must be a PDF, JPEG, PNG, TIFF or plain-text file. |
        | Attachment 3 must be a file that is not empty.                  |
      And Grace's request reads:
        | Attachments |  |

  Rule: Clinical information can be typed instead, or as well
    "you can provide any relevant clinical information supporting the request
    by typing the information into the text box"

    @step:request-8
    Scenario: Grace types the clinical information
      When Grace types the clinical information "Low back pain for 8 weeks; home exercise program without relief. Requesting 12 visits of physical therapy."
      Then she may go on to the phone and fax numbers
      And Grace's request reads:
        | Attachments          | none                                                                                                       |
        | Clinical information | Low back pain for 8 weeks; home exercise program without relief. Requesting 12 visits of physical therapy. |

    @step:request-8
    Scenario: Grace attaches the evaluation and types a summary too
      When Grace attaches these clinicals and types "Evaluation attached; pain 6/10 on standing.":
        | file                    | type | size   |
        | pt-evaluation-maria.pdf | PDF  | 240 KB |
      Then she may go on to the phone and fax numbers
      And Grace's request reads:
        | Attachments          | pt-evaluation-maria.pdf (240 KB)            |
        | Clinical information | Evaluation attached; pain 6/10 on standing. |

    @step:request-8
    Scenario: Typed information may run to 4,000 characters
      When Grace types 4000 characters of clinical information
      Then she may go on to the phone and fax numbers
      And Grace's request reads:
        | Attachments | none |

    @step:request-8
    Scenario: Typed information of 4,001 characters is refused
      When Grace types 4001 characters of clinical information
      Then she is told "Clinical information is too long."
      And she is told nothing else

  Rule: A request carries clinicals, attached or typed
    "You can attach clinicals or you can provide any relevant clinical
    information [...]"

    @step:request-8
    Scenario: Neither attachments nor typed information
      When Grace neither attaches clinicals nor types any clinical information
      Then she is told "Please attach clinicals or type the clinical information supporting the request."
      And she is told nothing else
