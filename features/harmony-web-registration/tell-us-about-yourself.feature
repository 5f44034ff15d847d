@guide:harmony-web-registration
Feature: Step 4 – Tell us about yourself
  "Please provide us with information regarding your organization and users."

  Where the guide is silent we chose: the organization gives its name (up to
  100 characters) and a US phone number, and lists one to 25 users, each
  with a first and a last name, an e-mail address, a US phone number and the
  parts of the site they need: claims, prior authorizations, eligibility,
  payments, or several. The first user listed is the person registering:
  the temporary password of step 6 goes to their e-mail address. Every
  missing or invalid field is reported at once, a user's by their place in
  the list ("user 2's e-mail address"). The person may go back and change
  this step as often as needed until the username is created; a
  registration left unfinished for an hour must start again.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Grace has identified her practice

  Rule: The organization, and its users with their names, e-mail addresses, phone numbers and access
    "Please provide us with information regarding your organization and users."
    "As a registered user, you have immediate access to pertinent information
    regarding your claims, authorizations and more."

    @step:step-4
    Scenario: Grace tells Harmony about the practice and herself
      When Grace tells Harmony about the practice and herself
      Then she may go on to create a username

    @step:step-4 @step:intro-2
    Scenario: Grace lists a colleague who needs other parts of the site
      When Grace tells Harmony about the practice and these users:
        | name         | e-mail address               | phone number   | access                          |
        | Grace Okafor | grace.okafor@riversidefp.com | (813) 555-0143 | claims and prior authorizations |
        | Daniel Reyes | daniel.reyes@riversidefp.com | 813-555-0177   | eligibility and payments        |
      Then she may go on to create a username

    @step:step-4 @step:intro-2
    Scenario Outline: A user who needs access to <access>
      When Grace, who needs access to <access>, tells Harmony about the practice and herself
      Then she may go on to create a username

      Examples:
        | access                                                 |
        | claims                                                 |
        | prior authorizations                                   |
        | eligibility and payments                               |
        | claims, prior authorizations, eligibility and payments |

    @step:step-4
    Scenario: Grace tells Harmony nothing
      When Grace tells Harmony nothing about the practice or its users
      Then she is told, all at once:
        | organization name         | Please enter Organization name.  |
        | organization phone number | Please enter Organization phone. |
        | list of users             | Please list at least one user.   |

    @step:step-4
    Scenario Outline: Grace leaves out the <field>
      When Grace tells Harmony about the practice leaving out the <field>
      Then she is told "<message>" for the <field>
      And she is told nothing else

      Examples: The organization
        | field                     | message                          |
        | organization name         | Please enter Organization name.  |
        | organization phone number | Please enter Organization phone. |

      Examples: The first user
        | field                       | message                               |
        | first user's first name     | Please enter user 1's first name.     |
        | first user's last name      | Please enter user 1's last name.      |
        | first user's e-mail address | Please enter user 1's e-mail address. |
        | first user's phone number   | Please enter user 1's phone number.   |
        | first user's access         | Please enter user 1's access.         |

    @step:step-4
    Scenario Outline: The <field> given as "<value>" is refused (<why>)
      When Grace tells Harmony about the practice giving the <field> as "<value>"
      Then she is told "<message>" for the <field>
      And she is told nothing else

      Examples: The organization
        | field                     | value          | why                        | message                                                                       |
        | organization phone number | 555-0142       | seven digits               | Organization phone must be a 10-digit US phone number. |
        | organization phone number | (813) 911-0142 | an N11 exchange            | Organization phone must be a 10-digit US phone number. |

      Examples: The first user
        | field                       | value                    | why               | message                                                                           |
        | first user's e-mail address | grace.okafor@riversidefp | no domain ending  | User 1's e-mail address must be an e-mail address such as name@example.com.      |
        | first user's phone number   | (113) 555-0143           | no such area code | User 1's phone number must be a 10-digit US phone number.  |
        | first user's access         | dental                   | not a part of the site | User 1's access must be one or more of: claims, prior authorizations, eligibility, payments. |

  Rule: Every missing or invalid field is reported at once, each user's by their place in the list
    The guide is silent: one answer lists every mistake, so the form is corrected in one pass.

    @step:step-4
    Scenario: Two users with mistakes are told every one of them together
      When Grace tells Harmony about the practice and these users:
        | name         | e-mail address               | phone number | access   |
        | Grace Okafor |                              | (813) 555-01 | claims   |
        | Daniel       | daniel.reyes@riversidefp.com | 813-555-0177 |          |
      Then she is told, all at once:
        | first user's e-mail address | Please enter user 1's e-mail address.                                            |
        | first user's phone number   | User 1's phone number must be a 10-digit US phone number. |
        | second user's last name     | Please enter user 2's last name.                                                 |
        | second user's access        | Please enter user 2's access.                                                    |

  Rule: The first user listed receives the temporary password
    "Within 24 hours of registration, you will receive an e-mail with a temporary password"

    @step:step-4 @step:step-6a
    Scenario: Grace lists her colleague first
      When Grace tells Harmony about the practice and these users:
        | name         | e-mail address               | phone number   | access                          |
        | Daniel Reyes | daniel.reyes@riversidefp.com | 813-555-0177   | claims and prior authorizations |
        | Grace Okafor | grace.okafor@riversidefp.com | (813) 555-0143 | claims                          |
      And Grace creates her username
      Then Daniel receives an e-mail with a temporary password
      And Grace receives no e-mail

  Rule: Step 5 comes after step 4
    A username cannot be created before Harmony has been told about the
    practice and its users; a registration completed is not completed twice.

    @step:step-4
    Scenario: Grace tries to create her username before telling Harmony about the practice
      When Grace creates her username
      Then she is told "Please tell us about your organization and its users (step 4) first."
      And Grace receives no e-mail

    @step:step-4
    Scenario: A registration completed cannot be completed again
      Given Grace tells Harmony about the practice and herself
      And Grace creates her username
      When Grace creates her username
      Then she is told "That step is already complete. Please start again from the registration form."

  Rule: Grace may go back and change what she told Harmony until she creates her username
    The guide is silent: the last answer given before step 5 is the one kept.

    @step:step-4
    Scenario: Grace goes back and corrects her e-mail address
      Given Grace tells Harmony about the practice and herself
      When Grace goes back and changes the first user's e-mail address to "gokafor@riversidefp.com"
      And Grace creates her username
      Then Grace receives an e-mail with a temporary password
      And no e-mail is sent to "grace.okafor@riversidefp.com"

    @step:step-4
    Scenario: A change that breaks a rule is refused like the first answer
      Given Grace tells Harmony about the practice and herself
      When Grace goes back and changes the organization phone number to "555-0199"
      Then she is told "Organization phone must be a 10-digit US phone number." for the organization phone number

  Rule: A registration left unfinished for an hour must start again
    The guide is silent: a registration in progress lasts one hour.

    @step:step-4
    Scenario: Grace comes back after a long phone call
      When 61 minutes pass
      And Grace tells Harmony about the practice and herself
      Then she is told "Your session has expired. Please start again."
